namespace CaseGrid.Contracts.Time;

/// <summary>The latest change of a case's key dates, as those who must acknowledge it are told of it.</summary>
/// <param name="DatesVersion">The case version of the change (<c>CaseState.DatesVersion</c>).</param>
/// <param name="At">When it was made.</param>
/// <param name="ById">Who made it.</param>
/// <param name="EarlierDate">When it moved a release date earlier: which one (the expected release first).</param>
/// <param name="EarlierFrom">That date before the change.</param>
/// <param name="EarlierTo">That date after the change.</param>
[GenerateSerializer, Immutable, Alias("casegrid.KeyDatesChange")]
public sealed record KeyDatesChange(long DatesVersion, DateTimeOffset At, string ById, ReleaseDateKind? EarlierDate = null, DateOnly? EarlierFrom = null, DateOnly? EarlierTo = null)
{
    /// <summary>True when the change moved a release date earlier.</summary>
    public bool MovedReleaseEarlier => EarlierDate is not null;
}
