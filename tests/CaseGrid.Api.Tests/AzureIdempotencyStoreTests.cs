using CaseGrid.Api.Infrastructure.Idempotency;
using Microsoft.Extensions.Time.Testing;

namespace CaseGrid.Api.Tests;

/// <summary>The kept answers on Azure Storage (Azurite), in a table of this test class's own.</summary>
[Trait("Store", "Azure")]
public sealed class AzureIdempotencyStoreTests() : IdempotencyStoreContract(Store)
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private static readonly AzureIdempotencyStore Store = new(
        TestAzure.Clients,
        Clock);

    [Fact]
    public async Task KeysOlderThanTheirLifetime_AreForgotten_YoungerOnesKept()
    {
        var (caller, old) = Fresh();
        Assert.True(await Store.ClaimAsync(caller, old, "h", IdempotencyStore.Abandoned, CancellationToken.None));
        Clock.Advance(TimeSpan.FromHours(20));
        var young = $"{old}-young";
        Assert.True(await Store.ClaimAsync(caller, young, "h", IdempotencyStore.Abandoned, CancellationToken.None));
        Clock.Advance(TimeSpan.FromHours(5));

        await Store.ForgetOlderThanAsync(IdempotencyKeyCleanup.KeyLifetime, CancellationToken.None);

        Assert.Null(await Store.FindAsync(caller, old, CancellationToken.None));
        Assert.NotNull(await Store.FindAsync(caller, young, CancellationToken.None));
    }
}
