using System.Security.Cryptography;
using System.Text;
using CaseGrid.Api.Secrets;
using CaseGrid.Contracts.Common;
using Npgsql;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Where a write's first answer is kept by its key, for REST's <c>Idempotency-Key</c> and the hub's command ids alike
/// (one namespace per caller): the first request with a key claims it, runs, and keeps its answer; a retry with the same
/// key and the same request gets that answer again; the same key on another request is refused. A claim whose request
/// failed with a server error is let go, so the retry runs again — and a case command then carries the key to its case,
/// which applies a command id at most once, so a command whose outcome was unknown is never applied twice.
/// A kept record holds the request's hash, the status, content type and Location, the case the write was for, and the
/// answer's body sealed under the master key (bound to its caller and key): no plan text is readable in it, and
/// erasing a case deletes the records of writes to it.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, MasterKey masterKey)
{
    private readonly Sealer _bodies = new(masterKey, "casegrid/idempotency/v1");

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

        var status = row.IsDBNull(1) ? (int?)null : row.GetInt32(1);
        byte[]? body = null;
        var unreadable = false;
        if (status is not null)
        {
            try
            {
                body = row.IsDBNull(3) ? [] : _bodies.Open(row.GetFieldValue<byte[]>(3), Owner(caller, key));
            }
            catch (CryptographicException)
            {
                // Kept before answers were sealed, or under another master key: the write happened, but its answer is lost.
                unreadable = true;
            }
        }

        return new Stored(row.GetString(0), status, row.IsDBNull(2) ? null : row.GetString(2), body, row.IsDBNull(4) ? null : row.GetString(4), unreadable);
    }

    /// <summary>Keep the answer of the request that claimed the key (sealed), and the case it wrote to, if any.</summary>
    public async Task CompleteAsync(string caller, string key, int statusCode, string? contentType, ReadOnlyMemory<byte> body, string? location, string? caseId)
    {
        await using var store = dataSource.CreateCommand(
            "UPDATE idempotency_keys SET status_code = $3, content_type = $4, body = $5, location = $6, case_id = $7 WHERE caller = $1 AND key = $2");
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        store.Parameters.Add(new NpgsqlParameter<int> { TypedValue = statusCode });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)contentType ?? DBNull.Value });
        store.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = _bodies.Seal(body.Span, Owner(caller, key)) });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)location ?? DBNull.Value });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)caseId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
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

    private static string Owner(string caller, string key) => $"{caller}\n{key}";

    /// <summary>What a key already holds.</summary>
    /// <param name="RequestHash">The fingerprint of the request that claimed it.</param>
    /// <param name="StatusCode">Its answer's status; null while it is still being handled.</param>
    /// <param name="ContentType">Its answer's content type.</param>
    /// <param name="Body">Its answer's body, opened; null while it is still being handled or when it cannot be opened.</param>
    /// <param name="Location">Its answer's Location header.</param>
    /// <param name="Unreadable">The request was handled, but its kept answer cannot be opened (kept before answers were sealed, or under another master key).</param>
    public sealed record Stored(string RequestHash, int? StatusCode, string? ContentType, byte[]? Body, string? Location, bool Unreadable = false);
}
