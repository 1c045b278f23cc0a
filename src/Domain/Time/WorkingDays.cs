namespace CaseGrid.Domain.Time;

/// <summary>
/// Norwegian working days: Monday to Friday except the public holidays (helligdager): New Year's Day, Maundy Thursday,
/// Good Friday, Easter Monday, 1 May, 17 May, Ascension Day, Whit Monday, Christmas Day and Boxing Day.
/// </summary>
public static class WorkingDays
{
    /// <summary>True when <paramref name="day"/> is a working day in Norway.</summary>
    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(day);

    /// <summary>True when <paramref name="day"/> is a Norwegian public holiday.</summary>
    public static bool IsPublicHoliday(DateOnly day)
    {
        if ((day.Month, day.Day) is (1, 1) or (5, 1) or (5, 17) or (12, 25) or (12, 26))
        {
            return true;
        }

        var easter = EasterSunday(day.Year);
        var offset = day.DayNumber - easter.DayNumber;
        return offset is -3 or -2 or 1 or 39 or 50;
    }

    /// <summary>
    /// The working day <paramref name="count"/> working days after <paramref name="day"/> (before it when negative);
    /// <paramref name="day"/> itself never counts. Zero gives <paramref name="day"/>.
    /// </summary>
    public static DateOnly Add(DateOnly day, int count)
    {
        var step = Math.Sign(count);
        for (var left = Math.Abs(count); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Easter Sunday of <paramref name="year"/> in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }
}
