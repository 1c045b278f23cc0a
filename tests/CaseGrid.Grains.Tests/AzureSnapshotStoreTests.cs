using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

/// <summary>Case snapshots in an Azure table (Azurite): the same promises as in PostgreSQL.</summary>
[Trait("Store", "Azure")]
public sealed class AzureSnapshotStoreTests : SnapshotStoreContract
{
    protected override Task<(ICaseSnapshotStore Snapshots, ICaseEventStore Log, ICaseKeyStore Keys)> StoresAsync() =>
        Task.FromResult<(ICaseSnapshotStore, ICaseEventStore, ICaseKeyStore)>((TestAzure.Snapshots, TestAzure.Log, TestAzure.Keys));
}
