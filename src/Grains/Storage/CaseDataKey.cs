using System.Security.Cryptography;
using System.Text;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// One case's data key: every event of the case is sealed under it (AES-256-GCM), bound to the case and the event's
/// version so a sealed payload moved to another row does not open. It exists only in the case_keys table (wrapped under
/// the master key) and in the memory of the case's activation; erasing the case deletes it, and with it every event.
/// </summary>
public sealed class CaseDataKey
{
    /// <summary>The size of a data key.</summary>
    public const int Size = 32;

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    /// <summary>A data key of a case.</summary>
    public CaseDataKey(string caseId, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Size)
        {
            throw new ArgumentException("A data key is 32 bytes.", nameof(key));
        }

        CaseId = caseId;
        _key = key;
    }

    /// <summary>The case it belongs to.</summary>
    public string CaseId { get; }

    /// <summary>A new random key for a case.</summary>
    public static CaseDataKey New(string caseId) => new(caseId, RandomNumberGenerator.GetBytes(Size));

    /// <summary>An event's payload sealed: nonce ‖ tag ‖ ciphertext.</summary>
    public byte[] Seal(long version, ReadOnlySpan<byte> payload) => SealWith(_key, payload, Context(CaseId, version));

    /// <summary>An event's payload opened; throws <see cref="CryptographicException"/> when it was not sealed under this key for this version.</summary>
    public byte[] Open(long version, ReadOnlySpan<byte> sealedPayload) => OpenWith(_key, sealedPayload, Context(CaseId, version));

    /// <summary>
    /// A snapshot of the case at <paramref name="version"/> sealed: bound to the case, the version and the fold's version,
    /// and apart from every event (a sealed snapshot does not open as an event, nor the reverse).
    /// </summary>
    public byte[] SealSnapshot(long version, int foldVersion, ReadOnlySpan<byte> payload) => SealWith(_key, payload, SnapshotContext(CaseId, version, foldVersion));

    /// <summary>A sealed snapshot opened; throws <see cref="CryptographicException"/> when it was not sealed under this key for this version and fold.</summary>
    public byte[] OpenSnapshot(long version, int foldVersion, ReadOnlySpan<byte> sealedPayload) => OpenWith(_key, sealedPayload, SnapshotContext(CaseId, version, foldVersion));

    /// <summary>This key wrapped under <paramref name="wrapping"/> for storage.</summary>
    public byte[] Wrap(CaseKeyWrapping wrapping)
    {
        ArgumentNullException.ThrowIfNull(wrapping);
        return SealWith(wrapping.Key, _key, Context(CaseId, 0));
    }

    /// <summary>A stored key unwrapped.</summary>
    public static CaseDataKey Unwrap(string caseId, ReadOnlySpan<byte> wrapped, CaseKeyWrapping wrapping)
    {
        ArgumentNullException.ThrowIfNull(wrapping);
        return new(caseId, OpenWith(wrapping.Key, wrapped, Context(caseId, 0)));
    }

    private static byte[] Context(string caseId, long version) => Encoding.UTF8.GetBytes($"{caseId}\n{version}");

    private static byte[] SnapshotContext(string caseId, long version, int foldVersion) => Encoding.UTF8.GetBytes($"{caseId}\nsnapshot\n{version}\n{foldVersion}");

    private static byte[] SealWith(byte[] key, ReadOnlySpan<byte> plain, byte[] context)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), context);
        return sealedBytes;
    }

    private static byte[] OpenWith(byte[] key, ReadOnlySpan<byte> sealedBytes, byte[] context)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A sealed value is too short.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, context);
        return plain;
    }
}
