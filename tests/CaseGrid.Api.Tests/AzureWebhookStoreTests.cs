using CaseGrid.Api.Partners;
using CaseGrid.Api.Storage;

namespace CaseGrid.Api.Tests;

/// <summary>The webhook store on Azure Storage (Azurite), in tables of this test class's own.</summary>
[Trait("Store", "Azure")]
public sealed class AzureWebhookStoreTests() : WebhookStoreContract(new AzureWebhookStore(
    new AzureStorageClients(new AzureStorageOptions { ConnectionString = Environment.GetEnvironmentVariable("CASEGRID_TEST_AZURE_CONNECTION"), Prefix = $"w{Guid.NewGuid():N}"[..12] }),
    CaseGrid.Api.Secrets.MasterKey.Load(CaseGrid.Tests.TestSecrets.MasterKeyFile),
    TimeProvider.System))
{
    /// <inheritdoc />
    protected override FeedPosition Position(long n) => new(0, n);
}
