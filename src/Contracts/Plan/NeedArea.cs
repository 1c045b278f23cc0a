using System.Collections.Immutable;

namespace CaseGrid.Contracts.Plan;

/// <summary>One need area of the plan (housing, income, …) with exactly one accountable owner once identified.</summary>
/// <param name="Code">The catalogue code, e.g. <c>housing</c>.</param>
/// <param name="Status">Where the need stands.</param>
/// <param name="OwnWords">What the person wants, in their own words.</param>
/// <param name="Assessment">The group's assessment.</param>
/// <param name="AccountableOwnerId">The one member accountable; null only while not assessed.</param>
/// <param name="SupportingOwnerIds">Members who support the owner.</param>
/// <param name="Version">Case version of the last change to this need area.</param>
[GenerateSerializer, Immutable, Alias("casegrid.NeedArea")]
public sealed record NeedArea(
    string Code,
    NeedStatus Status,
    string? OwnWords,
    string? Assessment,
    string? AccountableOwnerId,
    ImmutableArray<string> SupportingOwnerIds,
    long Version);
