using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CaseGrid.Api.Auth;

/// <summary>
/// The development issuer's HMAC key. Never a key written in the repository: made at random for the process, or, with
/// <see cref="AuthOptions.DevSigningKeyFile"/>, kept in a file created on first use and readable by its owner only, so
/// the local cluster's API hosts (and a host restarted) accept each other's tokens.
/// </summary>
public sealed class DevSigningKey
{
    /// <summary>The key's length: 256 bits, as HS256 wants.</summary>
    public const int KeyBytes = 32;

    private static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The key for the configured file, or the process's own.</summary>
    public DevSigningKey(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var file = options.Value.DevSigningKeyFile;
        Key = new SymmetricSecurityKey(string.IsNullOrWhiteSpace(file) ? ProcessKey.Value : LoadOrCreate(file));
    }

    /// <summary>The key tokens are signed and validated with.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>The key in <paramref name="path"/>; a new one written there (owner read/write only) when there is none.</summary>
    public static byte[] LoadOrCreate(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);

            // Written aside and moved into place without overwriting: of two processes starting together, one key wins
            // and both use it.
            var aside = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(aside, create))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
            }

            try
            {
                File.Move(aside, full, overwrite: false);
            }
            catch (IOException) when (File.Exists(full))
            {
                File.Delete(aside);
            }
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(full).Trim());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{AuthOptions.SectionName}:{nameof(AuthOptions.DevSigningKeyFile)} '{full}' does not hold a base64 key; delete it to have a new one made.", e);
        }

        return key.Length >= KeyBytes
            ? key
            : throw new InvalidOperationException($"{AuthOptions.SectionName}:{nameof(AuthOptions.DevSigningKeyFile)} '{full}' holds a key shorter than {KeyBytes} bytes; delete it to have a new one made.");
    }
}
