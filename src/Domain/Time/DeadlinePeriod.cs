using System.Globalization;

namespace CaseGrid.Domain.Time;

/// <summary>A signed length of time a deadline counts from its anchor: <c>-8 weeks</c>, <c>5 workingDays</c>.</summary>
/// <param name="Amount">How many units; negative counts back from the anchor.</param>
/// <param name="Unit">The unit.</param>
public readonly record struct DeadlinePeriod(int Amount, PeriodUnit Unit)
{
    /// <summary>The day <paramref name="day"/> plus this period.</summary>
    public DateOnly AddTo(DateOnly day) => Unit switch
    {
        PeriodUnit.Days => day.AddDays(Amount),
        PeriodUnit.Weeks => day.AddDays(7 * Amount),
        PeriodUnit.Months => day.AddMonths(Amount),
        PeriodUnit.Years => day.AddYears(Amount),
        PeriodUnit.WorkingDays => WorkingDays.Add(day, Amount),
        _ => throw new InvalidOperationException($"Unknown period unit {Unit}."),
    };

    /// <summary>The period's length in Norwegian without its sign: <c>7 dager</c>, <c>1 uke</c>, <c>12 måneder</c>, <c>5 arbeidsdager</c>.</summary>
    public string Length()
    {
        var n = Math.Abs(Amount);
        var count = n.ToString(CultureInfo.InvariantCulture);
        return Unit switch
        {
            PeriodUnit.Days => n == 1 ? "1 dag" : $"{count} dager",
            PeriodUnit.Weeks => n == 1 ? "1 uke" : $"{count} uker",
            PeriodUnit.Months => n == 1 ? "1 måned" : $"{count} måneder",
            PeriodUnit.Years => $"{count} år",
            _ => n == 1 ? "1 arbeidsdag" : $"{count} arbeidsdager",
        };
    }

    /// <summary>The period as it follows an anchor in a reason: <c> + 7 dager</c>, <c> − 8 uker</c>, or nothing for zero.</summary>
    public string WithSign() => Amount switch
    {
        0 => "",
        > 0 => $" + {Length()}",
        _ => $" − {Length()}",
    };
}
