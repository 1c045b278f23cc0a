using CaseGrid.Api.Infrastructure.Idempotency;

namespace CaseGrid.Api.Tests;

/// <summary>What every store of kept answers promises the idempotency middleware, run on each store.</summary>
public abstract class IdempotencyStoreContract(IIdempotencyStore store)
{
    [Fact]
    public async Task OfConcurrentClaimsOfOneKey_ExactlyOneWins_AndTheOthersFindIt()
    {
        var (caller, key) = Fresh();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ClaimAsync(caller, key, "hash-a", Hour, CancellationToken.None)));

        Assert.Single(claims, c => c);
        Assert.Equal(new KeptAnswer("hash-a", null, null, null, null), await store.FindAsync(caller, key, CancellationToken.None));
        Assert.True(await store.ClaimAsync($"{caller}|other-system", key, "hash-a", Hour, CancellationToken.None), "keys are per caller");
    }

    [Fact]
    public async Task AKeptAnswer_IsFoundWhole_AndStaysWhenItsClaimIsLetGo()
    {
        var (caller, key) = Fresh();
        Assert.True(await store.ClaimAsync(caller, key, "hash-b", Hour, CancellationToken.None));
        var answer = new KeptAnswer("hash-b", 201, "application/json", [1, 2, 3], "/api/v1/cases/case-x");

        await store.KeepAsync(caller, key, answer, "case-x", CancellationToken.None);
        await store.ForgetClaimAsync(caller, key, CancellationToken.None);

        var found = await store.FindAsync(caller, key, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal((answer.RequestHash, answer.StatusCode, answer.ContentType, answer.Location), (found.RequestHash, found.StatusCode, found.ContentType, found.Location));
        Assert.Equal(answer.SealedBody, found.SealedBody);
        Assert.False(await store.ClaimAsync(caller, key, "hash-b", TimeSpan.Zero, CancellationToken.None), "an answered key is never taken over");
        await store.ForgetClaimAsync($"{caller}-never", key, CancellationToken.None);
    }

    [Fact]
    public async Task AnUnansweredClaimLetGo_CanBeClaimedAgain()
    {
        var (caller, key) = Fresh();
        Assert.True(await store.ClaimAsync(caller, key, "hash-c", Hour, CancellationToken.None));

        await store.ForgetClaimAsync(caller, key, CancellationToken.None);

        Assert.Null(await store.FindAsync(caller, key, CancellationToken.None));
        Assert.True(await store.ClaimAsync(caller, key, "hash-d", Hour, CancellationToken.None));
    }

    [Fact]
    public async Task AnAbandonedClaim_IsTakenOverByTheSameRequestOnly()
    {
        var (caller, key) = Fresh();
        Assert.True(await store.ClaimAsync(caller, key, "hash-e", Hour, CancellationToken.None));
        Assert.False(await store.ClaimAsync(caller, key, "hash-e", Hour, CancellationToken.None), "a claim younger than the limit is not abandoned");
        Assert.False(await store.ClaimAsync(caller, key, "hash-other", TimeSpan.Zero, CancellationToken.None), "another request never takes a claim over");

        var takeovers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => store.ClaimAsync(caller, key, "hash-e", TimeSpan.FromTicks(-TimeSpan.TicksPerHour), CancellationToken.None)));

        // With a limit an hour in the future every claim of the same request sees the claim abandoned, concurrent or not;
        // under the row's guard some take it over, and the record stays the same request's, unanswered.
        Assert.Contains(true, takeovers);
        Assert.Equal(new KeptAnswer("hash-e", null, null, null, null), await store.FindAsync(caller, key, CancellationToken.None));
    }

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>A caller and a key no other test uses; the key holds characters no table key may.</summary>
    protected static (string Caller, string Key) Fresh() => ($"u-idem-{Guid.NewGuid():N}", $"retry/#?{Guid.NewGuid():N}");
}
