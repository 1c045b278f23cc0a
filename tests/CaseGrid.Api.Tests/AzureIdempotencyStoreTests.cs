using CaseGrid.Api.Infrastructure.Idempotency;
using CaseGrid.Api.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CaseGrid.Api.Tests;

/// <summary>The kept answers on Azure Storage (Azurite), in a table of this test class's own.</summary>
public sealed class AzureIdempotencyStoreTests() : IdempotencyStoreContract(Store)
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private static readonly AzureIdempotencyStore Store = new(
        new AzureStorageClients(new AzureStorageOptions
        {
            ConnectionString = Environment.GetEnvironmentVariable("CASEGRID_TEST_AZURE_CONNECTION")
                ?? throw new InvalidOperationException("CASEGRID_TEST_AZURE_CONNECTION is not set: run the tests with deploy/test.sh, which starts Azurite (or export it from `deploy/azurite.sh url`)."),
            Prefix = $"t{Guid.NewGuid():N}"[..12],
        }),
        Clock);

    [Fact]
    public async Task KeysOlderThanTheirLifetime_AreForgotten_YoungerOnesKept()
    {
        var (caller, old) = Fresh();
        Assert.True(await Store.ClaimAsync(caller, old, "h", CancellationToken.None));
        Clock.Advance(TimeSpan.FromHours(20));
        var young = $"{old}-young";
        Assert.True(await Store.ClaimAsync(caller, young, "h", CancellationToken.None));
        Clock.Advance(TimeSpan.FromHours(5));

        await Store.ForgetOlderThanAsync(IdempotencyKeyCleanup.KeyLifetime, CancellationToken.None);

        Assert.Null(await Store.FindAsync(caller, old, CancellationToken.None));
        Assert.NotNull(await Store.FindAsync(caller, young, CancellationToken.None));
    }
}
