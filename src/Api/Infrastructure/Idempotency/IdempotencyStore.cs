using System.Security.Cryptography;
using System.Text;
using CaseGrid.Api.Secrets;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>
/// Where a write's first answer is kept by its key, for REST's <c>Idempotency-Key</c> and the hub's command ids alike
/// (one namespace per caller): the first request with a key claims it, runs, and keeps its answer; a retry with the same
/// key and the same request gets that answer again; the same key on another request is refused. A claim whose request
/// failed with a server error is let go, so the retry runs again — and a case command then carries the key to its case,
/// which applies a command id at most once, so a command whose outcome was unknown is never applied twice.
/// A kept record holds the request's hash, the status, content type and Location, the case the write was for, and the
/// answer's body sealed under the master key (bound to its caller and key): no plan text is readable in it, and
/// erasing a case deletes the records of writes to it. The records themselves are in the configured
/// <see cref="IIdempotencyStore"/> (PostgreSQL or Azure Storage).
/// </summary>
public sealed class IdempotencyStore(IIdempotencyStore store, MasterKey masterKey)
{
    private readonly Sealer _bodies = new(masterKey, "casegrid/idempotency/v1");

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>A claim left unanswered this long was abandoned (its host died mid-request): the same request may take it over.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);

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
        if (await store.ClaimAsync(caller, key, hash, Abandoned, cancellationToken))
        {
            return null;
        }

        if (await store.FindAsync(caller, key, cancellationToken) is not { } kept)
        {
            // The first request let the key go between the claim and the read: it failed, and may simply be sent again.
            return new Stored(hash, null, null, null, null);
        }

        byte[]? body = null;
        var unreadable = false;
        if (kept.StatusCode is not null)
        {
            try
            {
                body = kept.SealedBody is null ? [] : _bodies.Open(kept.SealedBody, Owner(caller, key));
            }
            catch (CryptographicException)
            {
                // Kept before answers were sealed, or under another master key: the write happened, but its answer is lost.
                unreadable = true;
            }
        }

        return new Stored(kept.RequestHash, kept.StatusCode, kept.ContentType, body, kept.Location, unreadable);
    }

    /// <summary>Keep the answer of the request that claimed the key (sealed), and the case it wrote to, if any.</summary>
    public Task CompleteAsync(string caller, string key, string hash, int statusCode, string? contentType, ReadOnlyMemory<byte> body, string? location, string? caseId) =>
        store.KeepAsync(caller, key, new KeptAnswer(hash, statusCode, contentType, _bodies.Seal(body.Span, Owner(caller, key)), location), caseId, CancellationToken.None);

    /// <summary>Let the key go: its request failed with a server error, and a retry must run again.</summary>
    public Task ForgetAsync(string caller, string key) => store.ForgetClaimAsync(caller, key, CancellationToken.None);

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
