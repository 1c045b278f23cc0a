using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Storage.Azure;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// The real Azure Storage emulator (Azurite) the test command starts. Every test process takes tables and containers of
/// its own, under a fresh prefix, so runs never see each other's rows.
/// </summary>
public static class TestAzure
{
    /// <summary>The prefix of this process's tables and containers.</summary>
    public static string Prefix { get; } = $"t{Guid.NewGuid():N}"[..12];

    /// <summary>The connection string from <c>CASEGRID_TEST_AZURE_CONNECTION</c>.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("CASEGRID_TEST_AZURE_CONNECTION")
        ?? throw new InvalidOperationException("CASEGRID_TEST_AZURE_CONNECTION is not set: run the tests with deploy/test.sh, which starts Azurite (or export it from `deploy/azurite.sh url`).");

    /// <summary>The table service.</summary>
    public static TableServiceClient Tables { get; } = new(ConnectionString);

    /// <summary>The blob service.</summary>
    public static BlobServiceClient Blobs { get; } = new(ConnectionString);

    /// <summary>The case core's tables.</summary>
    public static AzureCaseTables CaseTables { get; } = new(Tables, Prefix);

    /// <summary>The key store.</summary>
    public static AzureCaseKeyStore Keys { get; } = new(CaseTables, TestDatabase.KeyWrapping, TimeProvider.System);

    /// <summary>The event log, sealed under the tests' master key.</summary>
    public static AzureCaseEventStore Log { get; } = new(CaseTables, Keys);

    /// <summary>The case snapshots.</summary>
    public static AzureCaseSnapshotStore Snapshots { get; } = new(CaseTables, Keys, Log);
}
