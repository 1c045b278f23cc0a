using System.Collections.Immutable;

namespace CaseGrid.Contracts.Groups;

/// <summary>An ansvarsgruppe's roster as of a case version.</summary>
/// <param name="GroupId">The group.</param>
/// <param name="CaseId">The case it serves.</param>
/// <param name="CoordinatorId">The coordinator.</param>
/// <param name="Members">Members, current and former.</param>
/// <param name="CaseVersion">The case version this view reflects.</param>
[GenerateSerializer, Immutable, Alias("casegrid.GroupView")]
public sealed record GroupView(string GroupId, string CaseId, string CoordinatorId, ImmutableArray<GroupMember> Members, long CaseVersion);
