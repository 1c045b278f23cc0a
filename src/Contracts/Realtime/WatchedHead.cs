namespace CaseGrid.Contracts.Realtime;

/// <summary>The head of a watched grain in a heartbeat: the latest version it has pushed to the watching hosts.</summary>
/// <param name="Group">The grain, as the group its watchers are in.</param>
/// <param name="Head">Its version: a case's last event version, a board's or a work list's version.</param>
[GenerateSerializer, Immutable, Alias("casegrid.WatchedHead")]
public sealed record WatchedHead(LiveGroup Group, long Head);
