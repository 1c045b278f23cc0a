namespace CaseGrid.Contracts.Realtime;

/// <summary>
/// What a live connection watches — a case, a unit's board, a user's work list — as <c>{scope}:{id}</c>: the SignalR
/// group on every API host, and the name a watched grain gives its heads in its heartbeats.
/// </summary>
/// <param name="Scope">The kind: <see cref="CaseScope"/>, <see cref="BoardScope"/>, <see cref="WorkScope"/>.</param>
/// <param name="Id">The case, unit or user id.</param>
[GenerateSerializer, Immutable, Alias("casegrid.LiveGroup")]
public readonly record struct LiveGroup(string Scope, string Id)
{
    /// <summary>A case's events and presence.</summary>
    public const string CaseScope = "case";

    /// <summary>A unit's board.</summary>
    public const string BoardScope = "board";

    /// <summary>A user's own work list ("what needs me").</summary>
    public const string WorkScope = "work";

    /// <summary>
    /// How often a watched grain's silo tells each watching API host the heads of what it watches there. A host that
    /// has not heard of a grain for three intervals takes the subscription for lost and renews it.
    /// </summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>A case's group.</summary>
    public static LiveGroup Case(string caseId) => new(CaseScope, caseId);

    /// <summary>A unit board's group.</summary>
    public static LiveGroup Board(string unitId) => new(BoardScope, unitId);

    /// <summary>A user's work list's group.</summary>
    public static LiveGroup Work(string userId) => new(WorkScope, userId);

    /// <summary>Reads <c>{scope}:{id}</c>.</summary>
    public static LiveGroup Parse(string group)
    {
        var colon = group.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new(group[..colon], group[(colon + 1)..]) : throw new FormatException($"'{group}' is not a live group.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Scope}:{Id}";
}
