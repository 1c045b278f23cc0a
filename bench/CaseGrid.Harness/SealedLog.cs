using System.Security.Cryptography;
using System.Text;

namespace CaseGrid.Harness;

/// <summary>
/// The event log's sealing as the schema documents it (deploy/sql/015-casegrid-case-keys.sql, docs/retention.md), done
/// from outside the server: each case's data key is wrapped (AES-256-GCM) under a key derived with HKDF-SHA256 from the
/// master key for "casegrid/case-keys/v1", bound to "{caseId}\n0"; each event is sealed under the case's key, bound to
/// "{caseId}\n{version}"; sealed values are nonce (12) ‖ tag (16) ‖ ciphertext. The harness checks acknowledged edits
/// against the log and copies cases with it.
/// </summary>
internal sealed class SealedLog
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _wrapping;

    public SealedLog(string masterKeyFile)
    {
        var master = Convert.FromBase64String(File.ReadAllText(masterKeyFile).Trim());
        _wrapping = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: "casegrid/case-keys/v1"u8.ToArray());
        Fingerprint = Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: "casegrid/fingerprint/v1"u8.ToArray()).AsSpan(0, 8));
    }

    /// <summary>The master key's fingerprint, as case_keys.master_key records it.</summary>
    public string Fingerprint { get; }

    public byte[] Unwrap(string caseId, byte[] wrapped) => Open(_wrapping, wrapped, Context(caseId, 0));

    public byte[] Wrap(string caseId, byte[] key) => Seal(_wrapping, key, Context(caseId, 0));

    public static string OpenEvent(byte[] key, string caseId, long version, byte[] sealedPayload) =>
        Encoding.UTF8.GetString(Open(key, sealedPayload, Context(caseId, version)));

    public static byte[] SealEvent(byte[] key, string caseId, long version, string json) =>
        Seal(key, Encoding.UTF8.GetBytes(json), Context(caseId, version));

    private static byte[] Context(string caseId, long version) => Encoding.UTF8.GetBytes($"{caseId}\n{version}");

    private static byte[] Seal(byte[] key, byte[] plain, byte[] context)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(sealedBytes.AsSpan(0, NonceSize), plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), context);
        return sealedBytes;
    }

    private static byte[] Open(byte[] key, byte[] sealedBytes, byte[] context)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, context);
        return plain;
    }
}
