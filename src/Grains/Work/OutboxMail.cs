using System.Collections.Immutable;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Grains.Work;

/// <summary>
/// A mail for the outbox: to whom, and which kinds of item (with how many of each) — never what the items say. The key
/// makes it once only: <c>item:{userId}:{itemId}</c> at once, <c>digest:{userId}:{day}</c> for a daily digest.
/// </summary>
/// <param name="Key">Unique per mail; the outbox takes a key once.</param>
/// <param name="UserId">Whom it is for.</param>
/// <param name="Address">Where it goes.</param>
/// <param name="Kinds">The kinds of item it tells of.</param>
/// <param name="Counts">How many of each kind, in the same order.</param>
[GenerateSerializer, Immutable, Alias("casegrid.OutboxMail")]
public sealed record OutboxMail(string Key, string UserId, string Address, ImmutableArray<WorkItemKind> Kinds, ImmutableArray<int> Counts);
