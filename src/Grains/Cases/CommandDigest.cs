using System.Security.Cryptography;
using System.Text.Json;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// A short digest of a command (its kind and every field), kept with the events it wrote beside its command id: the
/// same command sent again under its id has the same digest; another command under an id already used does not.
/// </summary>
internal static class CommandDigest
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    private sealed record Named(string Kind, object Command);

    public static string Of(CaseCommand command)
    {
        // The command's kind is part of what is hashed: two kinds with the same fields are different commands.
        var json = JsonSerializer.SerializeToUtf8Bytes(new Named(command.GetType().Name, command), Options);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        return Convert.ToBase64String(hash[..16]);
    }
}
