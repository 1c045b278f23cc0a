using CaseGrid.Api.Infrastructure.Idempotency;

namespace CaseGrid.Api.Tests;

/// <summary>What every store of kept answers promises the idempotency middleware, run on each store.</summary>
public abstract class IdempotencyStoreContract(IIdempotencyStore store)
{
    [Fact]
    public async Task OfConcurrentClaimsOfOneKey_ExactlyOneWins_AndTheOthersFindIt()
    {
        var (caller, key) = Fresh();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ClaimAsync(caller, key, "hash-a", CancellationToken.None)));

        Assert.Single(claims, c => c);
        Assert.Equal(new KeptAnswer("hash-a", null, null, null, null), await store.FindAsync(caller, key, CancellationToken.None));
        Assert.True(await store.ClaimAsync($"{caller}|other-system", key, "hash-a", CancellationToken.None), "keys are per caller");
    }

    [Fact]
    public async Task AKeptAnswer_IsFoundWhole_AndAForgottenKey_CanBeClaimedAgain()
    {
        var (caller, key) = Fresh();
        Assert.True(await store.ClaimAsync(caller, key, "hash-b", CancellationToken.None));
        var answer = new KeptAnswer("hash-b", 201, "application/json", [1, 2, 3], "/api/v1/cases/case-x");

        await store.KeepAsync(caller, key, answer, "case-x", CancellationToken.None);

        var found = await store.FindAsync(caller, key, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal((answer.RequestHash, answer.StatusCode, answer.ContentType, answer.Location), (found.RequestHash, found.StatusCode, found.ContentType, found.Location));
        Assert.Equal(answer.SealedBody, found.SealedBody);

        await store.ForgetAsync(caller, key, CancellationToken.None);
        Assert.Null(await store.FindAsync(caller, key, CancellationToken.None));
        Assert.True(await store.ClaimAsync(caller, key, "hash-c", CancellationToken.None));
        await store.ForgetAsync($"{caller}-never", key, CancellationToken.None);
    }

    /// <summary>A caller and a key no other test uses; the key holds characters no table key may.</summary>
    protected static (string Caller, string Key) Fresh() => ($"u-idem-{Guid.NewGuid():N}", $"retry/#?{Guid.NewGuid():N}");
}
