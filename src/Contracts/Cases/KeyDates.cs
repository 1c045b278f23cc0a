namespace CaseGrid.Contracts.Cases;

/// <summary>
/// The dates every deadline counts from. Any may be unknown (null), as on remand.
/// Known dates must be in order: sentence start ≤ earliest release ≤ expected release ≤ end of sentence,
/// and end of supervision not before expected release.
/// </summary>
/// <param name="SentenceStart">Start of the sentence.</param>
/// <param name="EarliestRelease">Earliest release on parole, normally the 2/3 date.</param>
/// <param name="ExpectedRelease">The release date the plan works towards.</param>
/// <param name="EndOfSentence">End of the full sentence.</param>
/// <param name="EndOfSupervision">End of supervision by friomsorg.</param>
[GenerateSerializer, Immutable, Alias("casegrid.KeyDates")]
public sealed record KeyDates(
    DateOnly? SentenceStart = null,
    DateOnly? EarliestRelease = null,
    DateOnly? ExpectedRelease = null,
    DateOnly? EndOfSentence = null,
    DateOnly? EndOfSupervision = null)
{
    /// <summary>All dates unknown.</summary>
    public static KeyDates Unknown { get; } = new();
}
