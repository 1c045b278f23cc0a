using System.Collections.Immutable;

namespace CaseGrid.Contracts.Indicators;

/// <summary>
/// The indicators of domain §12, computed from the case event logs: what share of releases had housing, income
/// and an activity in place, how early handovers happened, how fast partners answered, how often the contact
/// person changed, and how often the person agreed with their plan. A figure resting on one to four cases (or a share
/// with one to four on either side) is left out, null, and named in <see cref="Suppressed"/>: from so few a reader who
/// knows the unit could tell who they are.
/// </summary>
/// <param name="Scope">"national", or the unit id the report is for.</param>
/// <param name="ComputedAt">When it was computed.</param>
/// <param name="Cases">Cases counted.</param>
/// <param name="Releases">Cases released.</param>
/// <param name="HousingAtRelease">Releases where housing was identified, owned outside the prison, and in progress or met.</param>
/// <param name="IncomeAtRelease">The same for income and debt.</param>
/// <param name="ActivityAtRelease">The same for work or education.</param>
/// <param name="MedianHandoverLeadDays">Median days between a completed need-area handover and the release it preceded.</param>
/// <param name="MedianPartnerAnswerHours">Median hours from a handover offer to its acceptance or decline.</param>
/// <param name="ContactPersonChangesPerCase">Coordinator changes (completed handovers and overrides) per case.</param>
/// <param name="PersonAgreed">The person's latest answer per plan version: how many were "agree".</param>
/// <param name="SuppressedBelow">Counts from 1 up to this (exclusive) are never shown.</param>
/// <param name="Suppressed">The figures left out for that reason, by name (<c>cases</c>, <c>housingAtRelease</c>, …).</param>
[GenerateSerializer, Immutable, Alias("casegrid.IndicatorReport")]
public sealed record IndicatorReport(
    string Scope,
    DateTimeOffset ComputedAt,
    int? Cases,
    int? Releases,
    Ratio? HousingAtRelease,
    Ratio? IncomeAtRelease,
    Ratio? ActivityAtRelease,
    double? MedianHandoverLeadDays,
    double? MedianPartnerAnswerHours,
    double? ContactPersonChangesPerCase,
    Ratio? PersonAgreed,
    int SuppressedBelow,
    ImmutableArray<string> Suppressed);
