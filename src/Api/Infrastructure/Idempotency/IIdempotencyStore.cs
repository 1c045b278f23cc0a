namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>Where the answers to writes under an <c>Idempotency-Key</c> are kept, per caller and key.</summary>
public interface IIdempotencyStore
{
    /// <summary>Claim the key for a request about to run; false when the caller has used it before (nothing changes then).</summary>
    Task<bool> ClaimAsync(string caller, string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>What is kept under the key, or null when nothing is (the first request failed and was forgotten).</summary>
    Task<KeptAnswer?> FindAsync(string caller, string key, CancellationToken cancellationToken);

    /// <summary>Keep the answer to the claimed request, with the case it was a write to (so erasing the case forgets it).</summary>
    Task KeepAsync(string caller, string key, KeptAnswer answer, string? caseId, CancellationToken cancellationToken);

    /// <summary>Forget the key: the write did not happen, and a retry must run again.</summary>
    Task ForgetAsync(string caller, string key, CancellationToken cancellationToken);

    /// <summary>Forget every key claimed more than <paramref name="age"/> ago.</summary>
    Task ForgetOlderThanAsync(TimeSpan age, CancellationToken cancellationToken);
}
