namespace CaseGrid.Grains.Storage;

/// <summary>The versions a command wrote to its case (first and last), and the digest of that command (null in events written before digests were kept).</summary>
public readonly record struct CommandSpan(long First, long Last, string? Hash);
