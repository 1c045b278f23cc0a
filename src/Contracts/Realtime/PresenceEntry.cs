namespace CaseGrid.Contracts.Realtime;

/// <summary>One connection's presence in a case.</summary>
/// <param name="ConnectionId">The realtime connection.</param>
/// <param name="UserId">Who.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Mode">Viewing, in the room or remote.</param>
/// <param name="EditingField">The field they are editing, if any (e.g. <c>need:housing:assessment</c>).</param>
/// <param name="LastSeen">Their last heartbeat; presence expires after silence.</param>
[GenerateSerializer, Immutable, Alias("casegrid.PresenceEntry")]
public sealed record PresenceEntry(string ConnectionId, string UserId, string DisplayName, PresenceMode Mode, string? EditingField, DateTimeOffset LastSeen);
