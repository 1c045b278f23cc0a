using CaseGrid.Domain;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    public void EasterSunday_IsComputed(int year, string easter) => Assert.Equal(D(easter), WorkingDays.EasterSunday(year));

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-04-02")]
    [InlineData("2026-04-03")]
    [InlineData("2026-04-06")]
    [InlineData("2026-05-01")]
    [InlineData("2026-05-14")]
    [InlineData("2026-05-25")]
    [InlineData("2026-12-25")]
    [InlineData("2026-12-26")]
    public void PublicHolidays_AreNotWorkingDays(string day) => Assert.False(WorkingDays.IsWorkingDay(D(day)));

    [Theory]
    [InlineData("2026-03-06", 1, "2026-03-09")]
    [InlineData("2026-03-02", 5, "2026-03-09")]
    [InlineData("2026-05-13", 1, "2026-05-15")]
    [InlineData("2026-03-09", -1, "2026-03-06")]
    [InlineData("2026-03-07", 0, "2026-03-07")]
    public void Add_CountsOnlyWorkingDays(string from, int count, string expected) =>
        Assert.Equal(D(expected), WorkingDays.Add(D(from), count));
}
