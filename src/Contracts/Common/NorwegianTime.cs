namespace CaseGrid.Contracts.Common;

/// <summary>Days in CaseGrid are Norwegian calendar days: memberships, deadlines and overlaps count in Oslo time.</summary>
public static class NorwegianTime
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>The calendar date in Norway at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Oslo).DateTime);

    /// <summary>The instant the calendar day <paramref name="day"/> begins in Norway (midnight, Oslo time).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Oslo.GetUtcOffset(local));
    }
}
