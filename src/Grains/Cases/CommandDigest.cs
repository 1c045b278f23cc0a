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

    public static string Of(CaseCommand command)
    {
        var type = command.GetType();
        var json = JsonSerializer.SerializeToUtf8Bytes(command, type, Options);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(type.Name));
        sha.AppendData([0]);
        sha.AppendData(json);
        sha.GetHashAndReset(hash);
        return Convert.ToBase64String(hash[..16]);
    }
}
