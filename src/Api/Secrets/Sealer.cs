using System.Security.Cryptography;
using System.Text;

namespace CaseGrid.Api.Secrets;

/// <summary>
/// Seals what the API stores but must not keep readable (webhook signing secrets, kept answers to idempotent writes):
/// AES-256-GCM under a key derived from the master key for one purpose, bound to the row it belongs to, so a sealed
/// value copied to another row, or opened for another purpose, fails.
/// </summary>
public sealed class Sealer(MasterKey masterKey, string purpose)
{
    /// <summary>What every sealed text starts with.</summary>
    public const string TextPrefix = "sealed:v1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key = masterKey.Derive(purpose);

    /// <summary>Whether a stored text is sealed (texts stored before sealing existed are not).</summary>
    public static bool IsSealed(string stored) => stored.StartsWith(TextPrefix, StringComparison.Ordinal);

    /// <summary>The bytes sealed for the row named <paramref name="owner"/>: nonce ‖ tag ‖ ciphertext.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plain, string owner)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(owner));
        return sealedBytes;
    }

    /// <summary>The bytes sealed for the row named <paramref name="owner"/>; throws when sealed under another key or for another row.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, string owner)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A sealed value is too short.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(owner));
        return plain;
    }

    /// <summary>A text sealed for storage in a text column.</summary>
    public string SealText(string plain, string owner) => TextPrefix + Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(plain), owner));

    /// <summary>A stored text opened (one stored before sealing existed comes back as it is).</summary>
    public string OpenText(string stored, string owner)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return IsSealed(stored) ? Encoding.UTF8.GetString(Open(Convert.FromBase64String(stored[TextPrefix.Length..]), owner)) : stored;
    }
}
