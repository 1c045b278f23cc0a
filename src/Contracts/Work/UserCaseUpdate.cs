using System.Collections.Immutable;

namespace CaseGrid.Contracts.Work;

/// <summary>
/// A case telling one user's list how the case concerns them now: their membership and the items addressed to them by
/// name. Both empty means "no longer concerned". Versioned by the case: an older update than one held is ignored.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="CaseVersion">The case version this reflects.</param>
/// <param name="Membership">The user's active membership; null when they are not an active member.</param>
/// <param name="Items">The items addressed to the user by name.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UserCaseUpdate")]
public sealed record UserCaseUpdate(string CaseId, long CaseVersion, MemberCase? Membership, ImmutableArray<WorkItem> Items);
