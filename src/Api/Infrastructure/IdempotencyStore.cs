using System.Security.Cryptography;
using System.Text;
using CaseGrid.Contracts.Common;
using Npgsql;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Where a write's first answer is kept by its key, for REST's <c>Idempotency-Key</c> and the hub's command ids alike
/// (one namespace per caller): the first request with a key claims it, runs, and keeps its answer; a retry with the same
/// key and the same request gets that answer again; the same key on another request is refused. A claim whose request
/// failed with a server error is let go, so the retry runs again — and a case command then carries the key to its case,
/// which applies a command id at most once, so a command whose outcome was unknown is never applied twice.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>A claim left unanswered this long was abandoned (its host died mid-request): the same request may take it over.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);

    /// <summary>Whose keys these are: the user and, when a partner system acts, its client id.</summary>
    public static string Caller(ActorRef actor) => actor.ClientId is null ? actor.UserId : $"{actor.UserId}|{actor.ClientId}";

    /// <summary>Whether <paramref name="key"/> is an acceptable key.</summary>
    public static bool IsValidKey(string? key) => key is { Length: > 0 and <= MaxKeyLength };

    /// <summary>A fingerprint of a request: the same key with another fingerprint is refused.</summary>
    public static string Hash(string head, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(head));
        sha.AppendData(body);
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Claim a key for a request: null when it is now this request's to run, else what the key already holds.</summary>
    public async Task<Stored?> ClaimAsync(string caller, string key, string hash, CancellationToken cancellationToken)
    {
        await using (var claim = dataSource.CreateCommand("""
            INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3)
            ON CONFLICT (caller, key) DO UPDATE SET created_at = now()
            WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
              AND idempotency_keys.created_at < now() - $4
            """))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
            claim.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Abandoned });
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }

        await using var read = dataSource.CreateCommand(
            "SELECT request_hash, status_code, content_type, body, location FROM idempotency_keys WHERE caller = $1 AND key = $2");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var row = await read.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            // The first request let the key go between the two statements: it failed, and may simply be sent again.
            return new Stored(hash, null, null, null, null);
        }

        return new Stored(
            row.GetString(0),
            row.IsDBNull(1) ? null : row.GetInt32(1),
            row.IsDBNull(2) ? null : row.GetString(2),
            row.IsDBNull(3) ? null : row.GetFieldValue<byte[]>(3),
            row.IsDBNull(4) ? null : row.GetString(4));
    }

    /// <summary>Keep the answer of the request that claimed the key.</summary>
    public async Task CompleteAsync(string caller, string key, int statusCode, string? contentType, byte[] body, string? location)
    {
        await using var store = dataSource.CreateCommand(
            "UPDATE idempotency_keys SET status_code = $3, content_type = $4, body = $5, location = $6 WHERE caller = $1 AND key = $2");
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        store.Parameters.Add(new NpgsqlParameter<int> { TypedValue = statusCode });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)contentType ?? DBNull.Value });
        store.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = body });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)location ?? DBNull.Value });
        await store.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Let the key go: its request failed with a server error, and a retry must run again.</summary>
    public async Task ForgetAsync(string caller, string key)
    {
        await using var forget = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND status_code IS NULL");
        forget.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        forget.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await forget.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>What a key already holds.</summary>
    /// <param name="RequestHash">The fingerprint of the request that claimed it.</param>
    /// <param name="StatusCode">Its answer's status; null while it is still being handled.</param>
    /// <param name="ContentType">Its answer's content type.</param>
    /// <param name="Body">Its answer's body.</param>
    /// <param name="Location">Its answer's Location header.</param>
    public sealed record Stored(string RequestHash, int? StatusCode, string? ContentType, byte[]? Body, string? Location);
}
