using Azure.Data.Tables;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>
/// The Azure tables of the case core: <c>{prefix}events</c> (the event log), <c>{prefix}feed</c> (the partner feed's
/// order), <c>{prefix}casekeys</c> (data keys and erasures), <c>{prefix}snapshots</c> and <c>{prefix}partnerindex</c>. Each is made on first use
/// if it is missing.
/// </summary>
public sealed class AzureCaseTables(TableServiceClient service, string prefix)
{
    private readonly Lazy<Task<TableClient>> _events = new(() => CreateAsync(service, $"{prefix}events"));
    private readonly Lazy<Task<TableClient>> _feed = new(() => CreateAsync(service, $"{prefix}feed"));
    private readonly Lazy<Task<TableClient>> _keys = new(() => CreateAsync(service, $"{prefix}casekeys"));
    private readonly Lazy<Task<TableClient>> _partnerIndex = new(() => CreateAsync(service, $"{prefix}partnerindex"));
    private readonly Lazy<Task<TableClient>> _snapshots = new(() => CreateAsync(service, $"{prefix}snapshots"));
    private readonly Lazy<Task<TableClient>> _idempotency = new(() => CreateAsync(service, $"{prefix}idempotency"));

    /// <summary>The event log: partition = case id, row key = the version, zero-padded to 19 digits.</summary>
    public Task<TableClient> EventsAsync() => _events.Value;

    /// <summary>The partner feed's order (<see cref="AzureFeedLog"/>): its sequencer and one row per position.</summary>
    public Task<TableClient> FeedAsync() => _feed.Value;

    /// <summary>One row per case: its wrapped data key, or the record of its erasure.</summary>
    public Task<TableClient> KeysAsync() => _keys.Value;

    /// <summary>One row per case: its snapshot (<see cref="AzureCaseSnapshotStore"/>).</summary>
    public Task<TableClient> SnapshotsAsync() => _snapshots.Value;

    /// <summary>One row per case: the partner systems that could read it.</summary>
    public Task<TableClient> PartnerIndexAsync() => _partnerIndex.Value;

    /// <summary>The API's kept answers to writes (the API's Azure idempotency store writes them); erasing a case deletes its own.</summary>
    public Task<TableClient> IdempotencyAsync() => _idempotency.Value;

    /// <summary>The row key of a version: zero-padded so the table's order is the version order.</summary>
    public static string VersionKey(long version) => version.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<TableClient> CreateAsync(TableServiceClient service, string name)
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
