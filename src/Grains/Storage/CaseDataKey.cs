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

    // One cipher per key, made at first use: setting up an AES-GCM context for every event of a long log or a busy case
    // costs more than the sealing itself. Not safe for concurrent use, hence the lock.
    private readonly Lock _cipherLock = new();
    private AesGcm? _cipher;

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
    public byte[] Seal(long version, ReadOnlySpan<byte> payload)
    {
        lock (_cipherLock)
        {
            return SealWith(_cipher ??= new AesGcm(_key, TagSize), payload, Context(CaseId, version));
        }
    }

    /// <summary>An event's payload opened; throws <see cref="CryptographicException"/> when it was not sealed under this key for this version.</summary>
    public byte[] Open(long version, ReadOnlySpan<byte> sealedPayload)
    {
        lock (_cipherLock)
        {
            return OpenWith(_cipher ??= new AesGcm(_key, TagSize), sealedPayload, Context(CaseId, version));
        }
    }

    /// <summary>This key wrapped under <paramref name="wrapping"/> for storage.</summary>
    public byte[] Wrap(CaseKeyWrapping wrapping)
    {
        ArgumentNullException.ThrowIfNull(wrapping);
        using var aes = new AesGcm(wrapping.Key, TagSize);
        return SealWith(aes, _key, Context(CaseId, 0));
    }

    /// <summary>A stored key unwrapped.</summary>
    public static CaseDataKey Unwrap(string caseId, ReadOnlySpan<byte> wrapped, CaseKeyWrapping wrapping)
    {
        ArgumentNullException.ThrowIfNull(wrapping);
        using var aes = new AesGcm(wrapping.Key, TagSize);
        return new(caseId, OpenWith(aes, wrapped, Context(caseId, 0)));
    }

    private static byte[] Context(string caseId, long version) => Encoding.UTF8.GetBytes($"{caseId}\n{version}");

    private static byte[] SealWith(AesGcm aes, ReadOnlySpan<byte> plain, byte[] context)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), context);
        return sealedBytes;
    }

    private static byte[] OpenWith(AesGcm aes, ReadOnlySpan<byte> sealedBytes, byte[] context)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A sealed value is too short.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, context);
        return plain;
    }
}
