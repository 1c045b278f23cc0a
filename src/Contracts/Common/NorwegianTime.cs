namespace CaseGrid.Contracts.Common;

/// <summary>Days in CaseGrid are Norwegian calendar days: memberships, deadlines and overlaps count in Oslo time.</summary>
public static class NorwegianTime
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>The calendar date in Norway at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Oslo).DateTime);
}
