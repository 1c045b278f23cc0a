using System.Security.Cryptography;
using System.Text;

namespace CaseGrid.Api.Secrets;

/// <summary>
/// The deployment's master key (<c>CaseGrid:Secrets:MasterKeyFile</c>): 32 random bytes, base64, in a file only this
/// process's user can read. It is never stored in the database; keys for each use (wrapping the per-case data keys,
/// sealing webhook secrets) are derived from it with HKDF, so none of them can stand in for another.
/// </summary>
public sealed class MasterKey
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Secrets";

    /// <summary>The setting naming the key file.</summary>
    public const string FileSetting = SectionName + ":MasterKeyFile";

    private readonly byte[] _key;

    private MasterKey(byte[] key)
    {
        _key = key;
        Fingerprint = Convert.ToHexStringLower(Derive("casegrid/fingerprint/v1").AsSpan(0, 8));
    }

    /// <summary>A name for the key that reveals nothing of it: which key wrapped a stored secret.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// The master key the configuration names. Every process that stores or reads sealed data needs it, in every
    /// environment: without it CaseGrid does not start (the development scripts make one with deploy/certs.sh).
    /// </summary>
    public static MasterKey FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[FileSetting];
        return string.IsNullOrEmpty(path)
            ? throw new InvalidOperationException(
                $"{FileSetting} is not set: CaseGrid seals case events and webhook secrets under a master key it reads from that file " +
                "(32 random bytes, base64, readable by this user only). deploy/certs.sh makes one for local use; docs/operations.md describes production.")
            : Load(path);
    }

    /// <summary>Read the key file; refused when it is missing, malformed, or readable by anyone but its owner.</summary>
    public static MasterKey Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The master key file {path} does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"The master key file {path} may be read by others than its owner: chmod 600 it.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The master key file {path} does not hold base64.");
        }

        return key.Length == 32 ? new MasterKey(key) : throw new InvalidOperationException($"The master key in {path} must be 32 bytes (it has {key.Length}).");
    }

    /// <summary>A key from the given bytes (tests).</summary>
    public static MasterKey FromBytes(ReadOnlySpan<byte> key) =>
        key.Length == 32 ? new MasterKey(key.ToArray()) : throw new ArgumentException("A master key is 32 bytes.", nameof(key));

    /// <summary>The 32-byte key for one use, named by <paramref name="purpose"/>.</summary>
    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
}
