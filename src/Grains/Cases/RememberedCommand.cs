namespace CaseGrid.Grains.Cases;

/// <summary>A command with an id a case has applied, and the versions it wrote (held by <see cref="CommandMemory"/>).</summary>
/// <param name="ActorId">Who sent it.</param>
/// <param name="ClientId">The partner system it came through, if any.</param>
/// <param name="CommandId">The id it was sent with.</param>
/// <param name="First">The first version it wrote.</param>
/// <param name="Last">The last version it wrote.</param>
/// <param name="Hash">The digest of the command (null for commands written before digests were kept).</param>
[GenerateSerializer, Immutable, Alias("casegrid.RememberedCommand")]
internal sealed record RememberedCommand(string ActorId, string? ClientId, string CommandId, long First, long Last, string? Hash = null);
