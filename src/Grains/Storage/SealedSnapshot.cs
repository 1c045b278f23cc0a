namespace CaseGrid.Grains.Storage;

/// <summary>A case snapshot as stored: the version it is at, the fold that made it, and its sealed payload.</summary>
/// <param name="Version">The case version the snapshot's state is at.</param>
/// <param name="FoldVersion">The fold's version that made it (<see cref="CaseGrid.Domain.CaseEvolver.FoldVersion"/>).</param>
/// <param name="Sealed">The payload sealed under the case's data key (<see cref="CaseDataKey.SealSnapshot"/>).</param>
public sealed record SealedSnapshot(long Version, int FoldVersion, byte[] Sealed);
