using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Tokens made by hand, the way an attacker would: any header, any claims, signed with any key or not at all. Used to
/// show that only tokens the host's own issuer signed, with the algorithm it pins, get in.
/// </summary>
public static class ForgedTokens
{
    /// <summary>The signing key CaseGrid once committed to its repository for the development issuer.</summary>
    public const string OldCommittedKey = "casegrid-development-signing-key-not-for-production";

    /// <summary>Claims like the development issuer's for <paramref name="userId"/>: issuer, audience, a lifetime around now.</summary>
    public static JsonObject Claims(string userId, string? role = null, string issuer = "casegrid-dev", string audience = "casegrid", DateTimeOffset? expires = null)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddHours(1);
        var claims = new JsonObject
        {
            ["sub"] = userId,
            ["name"] = "Mallory",
            ["client_id"] = "casegrid-web",
            ["iss"] = issuer,
            ["aud"] = audience,
            ["nbf"] = Math.Min(now.AddMinutes(-1).ToUnixTimeSeconds(), exp.AddMinutes(-10).ToUnixTimeSeconds()),
            ["iat"] = Math.Min(now.AddMinutes(-1).ToUnixTimeSeconds(), exp.AddMinutes(-10).ToUnixTimeSeconds()),
            ["exp"] = exp.ToUnixTimeSeconds(),
        };
        if (role is not null)
        {
            claims["role"] = role;
        }

        return claims;
    }

    /// <summary>A JWT with <paramref name="claims"/> signed by HMAC under <paramref name="key"/> with <paramref name="alg"/> (HS256, HS384 or HS512).</summary>
    public static string Hmac(JsonObject claims, byte[] key, string alg = "HS256")
    {
        var unsigned = Unsigned(alg, claims);
        var data = Encoding.ASCII.GetBytes(unsigned);
        var signature = alg switch
        {
            "HS256" => HMACSHA256.HashData(key, data),
            "HS384" => HMACSHA384.HashData(key, data),
            "HS512" => HMACSHA512.HashData(key, data),
            _ => throw new ArgumentOutOfRangeException(nameof(alg)),
        };
        return $"{unsigned}.{Base64Url(signature)}";
    }

    /// <summary>A JWT with <paramref name="claims"/>, <c>"alg": "none"</c> and no signature.</summary>
    public static string NoSignature(JsonObject claims) => $"{Unsigned("none", claims)}.";

    private static string Unsigned(string alg, JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        return $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
