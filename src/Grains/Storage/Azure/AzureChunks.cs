using Azure.Data.Tables;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>
/// A sealed payload in a table entity: binary properties hold at most 64 KiB each, so it is kept in <c>Sealed0</c>,
/// <c>Sealed1</c>, … with their count in <c>Chunks</c>; an entity is at most 1 MiB, so at most 15 of them.
/// </summary>
internal static class AzureChunks
{
    /// <summary>The largest binary property a table entity may hold.</summary>
    private const int ChunkSize = 64 * 1024;

    /// <summary>The most chunks one payload may take.</summary>
    private const int MaxChunks = 15;

    /// <summary>The most bytes a payload may have.</summary>
    public const int MaxBytes = MaxChunks * ChunkSize;

    /// <summary>Put <paramref name="payload"/> into <paramref name="row"/>; throws <see cref="ArgumentException"/> when it is too large.</summary>
    public static void Put(TableEntity row, byte[] payload, string what)
    {
        var chunks = (payload.Length + ChunkSize - 1) / ChunkSize;
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"{what} is {payload.Length} bytes sealed; Azure Storage holds at most {MaxBytes}.", nameof(payload));
        }

        row["Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            row[$"Sealed{i}"] = payload.AsSpan(i * ChunkSize, Math.Min(ChunkSize, payload.Length - (i * ChunkSize))).ToArray();
        }
    }

    /// <summary>The payload kept in <paramref name="row"/>.</summary>
    public static byte[] Get(TableEntity row)
    {
        var chunks = row.GetInt32("Chunks") ?? 1;
        var payload = new List<byte>();
        for (var i = 0; i < chunks; i++)
        {
            payload.AddRange(row.GetBinary($"Sealed{i}"));
        }

        return [.. payload];
    }
}
