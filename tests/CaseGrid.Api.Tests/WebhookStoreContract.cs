using System.Globalization;
using CaseGrid.Api.Partners;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;

namespace CaseGrid.Api.Tests;

/// <summary>
/// What every webhook store promises the dispatcher, run on each store: one host holds a subscription at a time, an event
/// is queued once however often its page is queued, the queue is sent in feed order, and a delivery changes only while
/// it is pending — retries back off, the last attempt makes a dead letter, and a redelivered one is pending again.
/// </summary>
public abstract class WebhookStoreContract(IWebhookStore store)
{
    [Fact]
    public async Task OfHostsClaimingAtOnce_EachSubscriptionGoesToOne_AndOnlyItsHolderMovesItsCursor()
    {
        var (system, id) = await SubscribeAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.ClaimAsync($"host-{i}-{id}", TimeSpan.FromMinutes(1), 1000, CancellationToken.None)));

        // Other subscriptions in the store (other tests' on a shared database) are let go at once.
        for (var i = 0; i < 4; i++)
        {
            foreach (var elsewhere in claims[i].Where(s => s.Id != id))
            {
                await store.ReleaseAsync(elsewhere.Id, $"host-{i}-{id}", CancellationToken.None);
            }
        }

        var holders = Enumerable.Range(0, 4).Where(i => claims[i].Any(s => s.Id == id)).ToList();
        var holder = $"host-{Assert.Single(holders)}-{id}";
        var other = $"host-{(holders[0] + 1) % 4}-{id}";
        var mine = claims[holders[0]].Single(s => s.Id == id);
        Assert.Equal((system.ClientId, Position(0)), (mine.ClientId, mine.Cursor));
        Assert.StartsWith("whsec_", mine.Secret, StringComparison.Ordinal);

        Assert.False(await store.EnqueueAsync(id, other, [Event(1, "case-x", 1)], Position(1), CancellationToken.None), "a host without the lease moved the cursor");
        Assert.True(await store.EnqueueAsync(id, holder, [Event(1, "case-x", 1)], Position(1), CancellationToken.None));
        Assert.True(await store.ReleaseAsync(id, holder, CancellationToken.None));
        var again = await store.ClaimAsync(other, TimeSpan.FromMinutes(1), 1000, CancellationToken.None);
        Assert.Equal(Position(1), again.Single(s => s.Id == id).Cursor);
        Assert.Equal(1, (await store.ListAsync(system, CancellationToken.None)).Single(v => v.Id == id).Pending);
    }

    [Fact]
    public async Task AnEventQueuedTwice_IsQueuedOnce_AndTheQueueGoesInFeedOrder_WithRetriesDeadLettersAndRedelivery()
    {
        var (system, id) = await SubscribeAsync();
        var owner = $"host-{id}";
        var claimed = await store.ClaimAsync(owner, TimeSpan.FromMinutes(1), 1000, CancellationToken.None);
        Assert.Contains(claimed, s => s.Id == id);
        foreach (var other in claimed.Where(s => s.Id != id))
        {
            await store.ReleaseAsync(other.Id, owner, CancellationToken.None);
        }
        Assert.True(await store.EnqueueAsync(id, owner, [Event(3, "case-a", 1), Event(5, "case-b", 1)], Position(5), CancellationToken.None));
        Assert.True(await store.EnqueueAsync(id, owner, [Event(3, "case-a", 1), Event(5, "case-b", 1), Event(8, "case-a", 2)], Position(8), CancellationToken.None));
        Assert.Equal(3, (await store.ListAsync(system, CancellationToken.None)).Single(v => v.Id == id).Pending);

        var head = await store.HeadAsync(id, CancellationToken.None);
        Assert.Equal(("case-a", 1L, 0, true), (head!.CaseId, head.Version, head.Attempts, head.Due));

        // A failed attempt backs off and stays first; the last attempt makes it a dead letter, and the next one is first.
        Assert.True(await store.FailedAsync(id, head.Id, 503, "http-503", dead: false, TimeSpan.FromHours(1), CancellationToken.None));
        var waiting = await store.HeadAsync(id, CancellationToken.None);
        Assert.Equal((head.Id, 1, false), (waiting!.Id, waiting.Attempts, waiting.Due));
        Assert.True(await store.FailedAsync(id, head.Id, null, "timeout", dead: true, TimeSpan.Zero, CancellationToken.None));
        Assert.False(await store.DeliveredAsync(id, head.Id, 200, CancellationToken.None), "a dead letter was marked delivered");
        var next = await store.HeadAsync(id, CancellationToken.None);
        Assert.Equal(("case-b", 1L), (next!.CaseId, next.Version));
        Assert.True(await store.DeliveredAsync(id, next.Id, 204, CancellationToken.None));
        Assert.False(await store.DeliveredAsync(id, next.Id, 204, CancellationToken.None), "a delivery was made twice");

        var dead = Assert.Single((await store.DeadLettersAsync(system, id, CancellationToken.None))!);
        Assert.Equal(("case-a", 1L, 2, "timeout", head.Id), (dead.CaseId, dead.Version, dead.Attempts, dead.LastError, dead.DeliveryId));
        Assert.Null(await store.DeadLettersAsync(system with { ClientId = "another-system" }, id, CancellationToken.None));
        Assert.False(await store.RedeliverAsync(system with { ClientId = "another-system" }, id, dead.DeliveryId, CancellationToken.None));

        Assert.True(await store.RedeliverAsync(system, id, dead.DeliveryId, CancellationToken.None));
        var redelivered = await store.HeadAsync(id, CancellationToken.None);
        Assert.Equal((dead.DeliveryId, 0, true), (redelivered!.Id, redelivered.Attempts, redelivered.Due));
        Assert.Empty((await store.DeadLettersAsync(system, id, CancellationToken.None))!);

        Assert.True(await store.DeleteAsync(system, id, CancellationToken.None));
        Assert.DoesNotContain(await store.ListAsync(system, CancellationToken.None), v => v.Id == id);
    }

    /// <summary>A position of this store's kind: its n-th event after the start.</summary>
    protected abstract FeedPosition Position(long n);

    private async Task<(ActorRef System, string Id)> SubscribeAsync()
    {
        var client = $"hooks-{Guid.NewGuid():N}";
        var system = new ActorRef(ActorRef.SystemPrefix + client, "Kommunens fagsystem", client, Agency.Municipality, "bergen-kommune", false);
        var created = await store.CreateAsync(system, "https://receiver.example/hooks", Position(0), 5, CancellationToken.None);
        return (system, created!.Id);
    }

    private FeedEvent Event(long n, string caseId, long version) =>
        new(Position(n).ToString(), caseId, version, "u-kari", null, DateTimeOffset.UnixEpoch, new GoalAdded("goal-1", "Housing", string.Create(CultureInfo.InvariantCulture, $"goal {n}")));
}
