using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Domain.Time;

/// <summary>Rules about the key dates of a case.</summary>
public static class DateRules
{
    /// <summary>Refuses known dates that are out of order; unknown dates are never compared.</summary>
    public static DomainError? CheckOrder(KeyDates d)
    {
        (DateOnly? Earlier, string EarlierName, DateOnly? Later, string LaterName)[] pairs =
        [
            (d.SentenceStart, "sentence start", d.EarliestRelease, "earliest release"),
            (d.SentenceStart, "sentence start", d.ExpectedRelease, "expected release"),
            (d.SentenceStart, "sentence start", d.EndOfSentence, "end of sentence"),
            (d.EarliestRelease, "earliest release", d.ExpectedRelease, "expected release"),
            (d.EarliestRelease, "earliest release", d.EndOfSentence, "end of sentence"),
            (d.ExpectedRelease, "expected release", d.EndOfSentence, "end of sentence"),
            (d.ExpectedRelease, "expected release", d.EndOfSupervision, "end of supervision"),
            (d.SentenceStart, "sentence start", d.EndOfSupervision, "end of supervision"),
        ];
        foreach (var (earlier, earlierName, later, laterName) in pairs)
        {
            if (earlier is { } a && later is { } b && b < a)
            {
                return new DomainError(ErrorKind.Unprocessable, "dates.out-of-order", $"The {laterName} ({b:yyyy-MM-dd}) is before the {earlierName} ({a:yyyy-MM-dd}).");
            }
        }

        return null;
    }
}
