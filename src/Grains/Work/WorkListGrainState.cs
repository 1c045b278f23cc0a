using System.Collections.Immutable;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Grains.Work;

/// <summary>
/// A user's persisted work list: what each case and each unit last said about them, and how they want to be told.
/// The items themselves are assembled from these on every change; nothing here is a to-do of its own.
/// </summary>
[GenerateSerializer, Alias("casegrid.WorkListGrainState")]
public sealed class WorkListGrainState
{
    /// <summary>By case id: the user's membership and the items addressed to them by name.</summary>
    [Id(0)]
    public Dictionary<string, CaseSource> Cases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By case id: the last case version applied, also for cases that no longer concern the user.</summary>
    [Id(1)]
    public Dictionary<string, long> CaseVersions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By unit id: what the unit last said (null unit: the user no longer works there).</summary>
    [Id(2)]
    public Dictionary<string, UnitSource> Units { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The list's version: grows with every change of its items.</summary>
    [Id(3)]
    public long Version { get; set; }

    /// <summary>The user's own e-mail address; when null, one a unit recorded is used.</summary>
    [Id(4)]
    public string? Email { get; set; }

    /// <summary>Kinds of item the user wants no mail about.</summary>
    [Id(5)]
    public HashSet<WorkItemKind> OptOut { get; set; } = [];

    /// <summary>By item id: items that arrived since the last digest, of the kinds the digest tells.</summary>
    [Id(6)]
    public Dictionary<string, WorkItemKind> DigestPending { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Mail decided but not yet in the outbox (the database was not reachable): tried again shortly.</summary>
    [Id(7)]
    public List<OutboxMail> Unsent { get; set; } = [];

    /// <summary>What one case last said about the user.</summary>
    /// <param name="Membership">Their active membership, or null.</param>
    /// <param name="Items">The items addressed to them by name.</param>
    [GenerateSerializer, Immutable, Alias("casegrid.WorkListGrainState.CaseSource")]
    public sealed record CaseSource(MemberCase? Membership, ImmutableArray<WorkItem> Items);

    /// <summary>What one unit last said about the user, numbered as the unit numbers its updates.</summary>
    /// <param name="Epoch">The unit's activation the last update came from.</param>
    /// <param name="Sequence">The last update's number within it.</param>
    /// <param name="Unit">The unit and the user's place in it; null when they no longer work there.</param>
    /// <param name="Cases">By case id: the unit's items for the user.</param>
    [GenerateSerializer, Immutable, Alias("casegrid.WorkListGrainState.UnitSource")]
    public sealed record UnitSource(long Epoch, long Sequence, StaffUnit? Unit, ImmutableDictionary<string, ImmutableArray<WorkItem>> Cases);
}
