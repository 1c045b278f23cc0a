namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>
/// Where the records of writes under an <c>Idempotency-Key</c> or a hub command id are kept, per caller and key
/// (PostgreSQL or Azure Storage); <see cref="IdempotencyStore"/> seals and opens the answers kept in them.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claim the key for a request about to run: true when it is now this request's — a fresh key, or a claim of the same
    /// request (same hash) left unanswered longer than <paramref name="abandonedAfter"/>, taken over; false otherwise
    /// (nothing changes then). Of concurrent claims of one key, at most one succeeds.
    /// </summary>
    Task<bool> ClaimAsync(string caller, string key, string requestHash, TimeSpan abandonedAfter, CancellationToken cancellationToken);

    /// <summary>What is kept under the key, or null when nothing is (the first request failed and was forgotten).</summary>
    Task<KeptAnswer?> FindAsync(string caller, string key, CancellationToken cancellationToken);

    /// <summary>Keep the answer to the claimed request, with the case it was a write to (so erasing the case forgets it).</summary>
    Task KeepAsync(string caller, string key, KeptAnswer answer, string? caseId, CancellationToken cancellationToken);

    /// <summary>Let an unanswered claim go: its request failed, and a retry must run again. A kept answer stays.</summary>
    Task ForgetClaimAsync(string caller, string key, CancellationToken cancellationToken);

    /// <summary>Forget every key claimed more than <paramref name="age"/> ago.</summary>
    Task ForgetOlderThanAsync(TimeSpan age, CancellationToken cancellationToken);
}
