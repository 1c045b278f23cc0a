using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

/// <summary>Case snapshots in PostgreSQL.</summary>
[Trait("Store", "PostgreSQL")]
public sealed class PostgresSnapshotStoreTests : SnapshotStoreContract
{
    protected override async Task<(ICaseSnapshotStore Snapshots, ICaseEventStore Log, ICaseKeyStore Keys)> StoresAsync()
    {
        var source = await TestDatabase.GetAsync();
        return (new PostgresCaseSnapshotStore(source, TestDatabase.KeyWrapping), TestDatabase.Log(source), await TestDatabase.KeysAsync());
    }
}
