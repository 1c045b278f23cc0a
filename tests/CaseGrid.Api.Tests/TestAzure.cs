using CaseGrid.Api.Storage;

namespace CaseGrid.Api.Tests;

/// <summary>The real Azure Storage emulator (Azurite) the test command starts, under a prefix of this test process's own.</summary>
public static class TestAzure
{
    /// <summary>The account's clients, from <c>CASEGRID_TEST_AZURE_CONNECTION</c>.</summary>
    public static AzureStorageClients Clients { get; } = new(new AzureStorageOptions
    {
        ConnectionString = Environment.GetEnvironmentVariable("CASEGRID_TEST_AZURE_CONNECTION")
            ?? throw new InvalidOperationException("CASEGRID_TEST_AZURE_CONNECTION is not set: run the tests with deploy/test.sh, which starts Azurite (or export it from `deploy/azurite.sh url`)."),
        Prefix = $"t{Guid.NewGuid():N}"[..12],
    });
}
