using System.Collections.Immutable;
using CaseGrid.Contracts.Indicators;
using CaseGrid.Contracts.Plan;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Indicators;

/// <summary>
/// Indicators never show a count of one to four: from so few cases a reader who knows the unit could tell who they are.
/// Such figures are left out and the report names them; zero and five or more show.
/// </summary>
public sealed class SmallNumberTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static IndicatorCalculator.CaseFacts Case(int i, bool released = false, bool housing = false, double[]? answerHours = null, AgreementAnswer[]? answers = null) =>
        new($"c{i}", ["unit-a"], released, housing, false, false, [], [.. answerHours ?? []], 0, [.. answers ?? []]);

    [Fact]
    public void AUnitWithFewerThanFiveCases_ShowsNoCountOfThem_AndSaysWhy()
    {
        var report = IndicatorCalculator.Report("unit-a", Now, [Case(1, released: true, housing: true, answerHours: [3]), Case(2)]);

        Assert.Null(report.Cases);
        Assert.Null(report.Releases);
        Assert.Null(report.HousingAtRelease);
        Assert.Null(report.MedianPartnerAnswerHours);
        Assert.Null(report.ContactPersonChangesPerCase);
        Assert.Equal(IndicatorCalculator.SmallNumberThreshold, report.SuppressedBelow);
        Assert.Contains("cases", report.Suppressed);
        Assert.Contains("releases", report.Suppressed);
        Assert.Contains("housingAtRelease", report.Suppressed);
        Assert.Contains("medianPartnerAnswerHours", report.Suppressed);
    }

    [Fact]
    public void FiveOrMore_Show_ButAShareWithOneToFourOnEitherSide_DoesNot()
    {
        var cases = Enumerable.Range(1, 8).Select(i => Case(i, released: true, housing: i <= 7, answerHours: [i], answers: [AgreementAnswer.Agree])).ToList();

        var report = IndicatorCalculator.Report("unit-a", Now, cases);

        Assert.Equal(8, report.Cases);
        Assert.Equal(8, report.Releases);
        Assert.Equal(4.5, report.MedianPartnerAnswerHours);
        Assert.Equal(new Ratio(8, 8), report.PersonAgreed);

        // Seven of eight housed tells that one was not: the share is left out.
        Assert.Null(report.HousingAtRelease);
        Assert.Equal(new Ratio(0, 8), report.IncomeAtRelease);
        Assert.Equal("housingAtRelease", Assert.Single(report.Suppressed));
    }

    [Fact]
    public void NoCases_ShowAsZero()
    {
        var report = IndicatorCalculator.Report("unit-a", Now, ImmutableArray<IndicatorCalculator.CaseFacts>.Empty);

        Assert.Equal(0, report.Cases);
        Assert.Equal(new Ratio(0, 0), report.HousingAtRelease);
        Assert.Empty(report.Suppressed);
    }
}
