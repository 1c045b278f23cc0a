namespace CaseGrid.Grains.Storage;

/// <summary>What the key store knows of a case: its data key (null before its first event), or that it was erased.</summary>
/// <param name="Key">The case's data key, if it has one.</param>
/// <param name="Erased">Whether the case was erased.</param>
public sealed record CaseKeyLookup(CaseDataKey? Key, bool Erased);
