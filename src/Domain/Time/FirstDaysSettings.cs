namespace CaseGrid.Domain.Time;

/// <summary>The first-days list (domain §8): prepared in the weeks before release, not on the day, when it is too late to act on.</summary>
/// <param name="DaysBeforeRelease">The list is made this many days before the expected release (or on release, if that comes first).</param>
public sealed record FirstDaysSettings(int DaysBeforeRelease = 14);
