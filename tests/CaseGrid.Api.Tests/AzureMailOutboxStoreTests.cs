using CaseGrid.Api.Mail;
using CaseGrid.Api.Storage;
using CaseGrid.Contracts.Work;
using CaseGrid.Grains.Storage.Azure;
using CaseGrid.Grains.Work;
using Microsoft.Extensions.Time.Testing;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The mail outbox on Azure Storage (Azurite): mail the work lists queue once is leased by one host at a time, sent once,
/// retried after a failure and kept as a dead letter after the last; a lease that runs out makes it due again.
/// </summary>
[Trait("Store", "Azure")]
public sealed class AzureMailOutboxStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly AzureMailOutboxStore _store;
    private readonly AzureWorkMailOutbox _queue;

    public AzureMailOutboxStoreTests()
    {
        // A table of this test's own, so each test sees only its own mail.
        var clients = new AzureStorageClients(new AzureStorageOptions
        {
            ConnectionString = Environment.GetEnvironmentVariable("CASEGRID_TEST_AZURE_CONNECTION"),
            Prefix = $"t{Guid.NewGuid():N}"[..12],
        });
        _store = new AzureMailOutboxStore(clients, _clock);
        _queue = new AzureWorkMailOutbox(clients.Tables, clients.Prefix);
    }

    [Fact]
    public async Task AMailQueuedTwice_IsLeasedByOneHostAtATime_AndSentOnce()
    {
        var mail = Mail();
        await _queue.EnqueueAsync(mail);
        await _queue.EnqueueAsync(mail);

        var taken = Assert.Single(await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None));
        Assert.Equal((mail.Key, mail.Address, 0), (taken.Key, taken.Address, taken.Attempts));
        Assert.Equal([WorkItemKind.HandoverOffered, WorkItemKind.DeadlineMissed], taken.Kinds.ToArray());
        Assert.Equal([1, 3], taken.Counts.ToArray());
        Assert.Empty(await _store.ClaimAsync("host-b", Lease, 10, CancellationToken.None));

        // Host A stalls past its lease: host B takes the mail, and A can no longer mark it.
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Single(await _store.ClaimAsync("host-b", Lease, 10, CancellationToken.None));
        Assert.False(await _store.SentAsync(taken, "host-a", CancellationToken.None));
        Assert.True(await _store.SentAsync(taken, "host-b", CancellationToken.None));
        _clock.Advance(Lease * 10);
        Assert.Empty(await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None));

        Assert.True(await _store.ForgetSentAsync(TimeSpan.FromMinutes(10), CancellationToken.None));
        await _queue.EnqueueAsync(mail with { Key = $"{mail.Key}-next" });
        Assert.Equal($"{mail.Key}-next", Assert.Single(await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None)).Key);
    }

    [Fact]
    public async Task AFailedMail_WaitsItsBackoff_ThenIsRetried_AndTheLastFailure_LeavesADeadLetter()
    {
        var mail = Mail();
        await _queue.EnqueueAsync(mail);
        var taken = Assert.Single(await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None));

        Assert.True(await _store.FailedAsync(taken, "host-a", "smtp-451", dead: false, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Empty(await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var retried = Assert.Single(await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None));
        Assert.Equal(1, retried.Attempts);

        Assert.True(await _store.FailedAsync(retried, "host-a", "smtp-550", dead: true, TimeSpan.Zero, CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ALeaseGivenBack_MakesTheMailDueAtOnce()
    {
        await _queue.EnqueueAsync(Mail());
        var taken = await _store.ClaimAsync("host-a", Lease, 10, CancellationToken.None);

        Assert.True(await _store.ReleaseAsync(taken, "host-a", CancellationToken.None));

        Assert.Single(await _store.ClaimAsync("host-b", Lease, 10, CancellationToken.None));
    }

    private static OutboxMail Mail() =>
        new($"now:u-sofie:{Guid.NewGuid():N}", "u-sofie", "sofie@bergen.example", [WorkItemKind.HandoverOffered, WorkItemKind.DeadlineMissed], [1, 3]);
}
