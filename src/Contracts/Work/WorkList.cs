using System.Collections.Immutable;

namespace CaseGrid.Contracts.Work;

/// <summary>What needs one user now: overdue first, then by due date. The version grows with every change of the list.</summary>
/// <param name="UserId">Whose list.</param>
/// <param name="Version">Grows by one with every change; a client that sees a lower version than it holds ignores it.</param>
/// <param name="Items">The items.</param>
[GenerateSerializer, Immutable, Alias("casegrid.WorkList")]
public sealed record WorkList(string UserId, long Version, ImmutableArray<WorkItem> Items);
