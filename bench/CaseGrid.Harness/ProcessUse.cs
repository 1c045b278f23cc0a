namespace CaseGrid.Harness;

/// <summary>One process's share of a window: CPU-seconds per wall second (1.0 = one core busy), RSS at the end.</summary>
internal sealed record ProcessUse(string Name, double Cores, long? RssBytes);
