using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>
/// The partner feed's order on Azure Storage, written beside the event log (table <c>{prefix}feed</c>). Positions are
/// whole numbers from 1 with no gaps, handed out by one sequencer: the row (<c>sequencer</c>, <c>next</c>), whose
/// counter an append moves on by its number of events under the row's ETag (of two racing appends, one retries).
/// An append reserves its positions, writes its events to the case's partition carrying them (<c>FeedPosition</c>),
/// and only then publishes them: one row per event in partition <c>feed</c>, row key = the position zero-padded to 19
/// digits, naming the case and version. A published row therefore always names a committed event.
/// <para>
/// Readers hold back at a reserved position with no row yet (its writer has not committed or published), so nothing is
/// passed that could still appear behind them. A position held longer than <see cref="AbandonedAfter"/> is closed by the
/// reader with a tombstone row; a writer that then finds its position taken reserves a new one, moves its event to it
/// and publishes it there — later than any reader has got. An append that loses the race for its versions tombstones
/// its own positions. An event committed by a writer that died before publishing is published when its case is next
/// read to its end (<see cref="AzureCaseEventStore"/>).
/// </para>
/// </summary>
public sealed class AzureFeedLog(AzureCaseTables tables)
{
    /// <summary>The partition of the feed's rows.</summary>
    public const string Partition = "feed";

    /// <summary>The partition of the sequencer and the readers' horizon.</summary>
    public const string SequencerPartition = "sequencer";

    /// <summary>How long a reserved position may stay without its row before readers close it.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(10);

    /// <summary>The row key of a position: zero-padded so the table's order is the feed's order.</summary>
    public static string Key(long position) => position.ToString("D19", CultureInfo.InvariantCulture);

    private readonly Lock _gate = new();
    private List<(int Count, TaskCompletionSource<long> Done)>? _waiting;
    private bool _reserving;

    /// <summary>
    /// Reserve <paramref name="count"/> consecutive positions; the first of them. The appends of this process that ask
    /// while a reservation is under way are served together by the next one — one move of the counter for all of them,
    /// each given its own consecutive range in the order they asked — so the sequencer row is contended by processes,
    /// not by every append (under its ETag each loser of a race reads and tries again).
    /// </summary>
    public Task<long> ReserveAsync(int count, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_gate)
        {
            (_waiting ??= []).Add((count, done));
            lead = !_reserving;
            _reserving = true;
        }

        if (lead)
        {
            // Off the calling grain's scheduler: the reservations serve every grain of the process.
            _ = Task.Run(ReserveWaitingAsync, CancellationToken.None);
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task ReserveWaitingAsync()
    {
        while (true)
        {
            List<(int Count, TaskCompletionSource<long> Done)> batch;
            lock (_gate)
            {
                if (_waiting is not { Count: > 0 } waiting)
                {
                    _reserving = false;
                    return;
                }

                batch = waiting;
                _waiting = null;
            }

            try
            {
                var first = await ReserveOnceAsync(batch.Sum(b => b.Count), CancellationToken.None).ConfigureAwait(false);
                foreach (var (count, done) in batch)
                {
                    done.TrySetResult(first);
                    first += count;
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(e);
                }
            }
        }
    }

    private async Task<long> ReserveOnceAsync(int count, CancellationToken cancellationToken)
    {
        var table = await tables.FeedAsync();
        while (true)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(SequencerPartition, "next", cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is not { } counter)
            {
                try
                {
                    await table.AddEntityAsync(new TableEntity(SequencerPartition, "next") { ["Next"] = 1L + count }, cancellationToken);
                    return 1;
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    continue;
                }
            }

            var first = counter.GetInt64("Next") ?? 1;
            counter["Next"] = first + count;
            try
            {
                await table.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken);
                return first;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another append moved the counter first: read it again.
            }
        }
    }

    /// <summary>
    /// Publish committed events at their positions. A position found closed (tombstoned by a reader who waited too long)
    /// is replaced by a new one: <paramref name="move"/> records the event's new position in its row (from the old one,
    /// under the row's ETag) before its feed row is written, so the event is published once, at the position its row
    /// names; when another publisher of the same event moved it first, this one lets its new position go.
    /// </summary>
    public async Task PublishAsync(string caseId, IReadOnlyList<(long Version, long Position)> events, Func<long, long, long, CancellationToken, Task<bool>> move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(move);
        if (events.Count == 0)
        {
            return;
        }

        var table = await tables.FeedAsync();
        try
        {
            await table.SubmitTransactionAsync(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, Row(caseId, e.Version, e.Position))), cancellationToken);
            return;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Some position is taken: by a reader's tombstone, or by this event already (published by a reader of the
            // case while this writer was slow). Each is settled on its own.
        }

        foreach (var (version, position) in events)
        {
            var at = position;
            while (!await TryPublishAsync(table, caseId, version, at, cancellationToken))
            {
                var next = await ReserveAsync(1, cancellationToken);
                if (!await move(version, at, next, cancellationToken))
                {
                    await TryTombstoneAsync(table, next, cancellationToken);
                    break;
                }

                at = next;
            }
        }
    }

    /// <summary>Close positions whose events were never written (their append lost the race for its versions).</summary>
    public async Task TombstoneAsync(long first, int count, CancellationToken cancellationToken = default)
    {
        var table = await tables.FeedAsync();
        for (var position = first; position < first + count; position++)
        {
            await TryTombstoneAsync(table, position, cancellationToken);
        }
    }

    /// <summary>Whether <paramref name="position"/> now names the event: true when this wrote it or found it so written.</summary>
    public static async Task<bool> IsPublishedAsync(TableClient table, string caseId, long version, long position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(position), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row && row.GetString("CaseId") == caseId && row.GetInt64("Version") == version;
    }

    /// <summary>Insert a tombstone at <paramref name="position"/>; false when a row is there already.</summary>
    public static async Task<bool> TryTombstoneAsync(TableClient table, long position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, Key(position)) { ["Tombstone"] = true }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private static async Task<bool> TryPublishAsync(TableClient table, string caseId, long version, long position, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(Row(caseId, version, position), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await IsPublishedAsync(table, caseId, version, position, cancellationToken);
        }
    }

    private static TableEntity Row(string caseId, long version, long position) =>
        new(Partition, Key(position)) { ["CaseId"] = caseId, ["Version"] = version };
}
