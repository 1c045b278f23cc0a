using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Grains.Cases;
using Xunit;

namespace CaseGrid.Grains.Tests;

/// <summary>Presence: what changes what the viewers see, and what only renews a connection.</summary>
public sealed class CaseLiveStateTests
{
    private static readonly ActorRef Kari = new("u-kari", "Kari Nilsen");

    [Fact]
    public void ARepeatedHeartbeat_OnlyRenews_WhileAnArrivalOrAnotherModeOrFieldIsAChange()
    {
        var clock = new StepClock();
        var live = new CaseLiveState(clock);

        var arrived = live.Heartbeat(Kari, "c1", PresenceMode.Viewing, null);
        clock.Now += TimeSpan.FromSeconds(30);
        var repeated = live.Heartbeat(Kari, "c1", PresenceMode.Viewing, null);
        // The repeat renewed the connection: 74 s after it arrived, 44 s after the repeat, it is still present.
        clock.Now += CaseLiveState.PresenceTimeout - TimeSpan.FromSeconds(1);
        var lapsed = live.Expire();
        var inRoom = live.Heartbeat(Kari, "c1", PresenceMode.InRoom, null);
        var editing = live.Heartbeat(Kari, "c1", PresenceMode.InRoom, "need:housing:assessment");
        var secondTab = live.Heartbeat(Kari, "c2", PresenceMode.InRoom, null);

        Assert.True(arrived);
        Assert.False(repeated);
        Assert.False(lapsed);
        Assert.True(inRoom);
        Assert.True(editing);
        Assert.True(secondTab);
        Assert.Equal(2, CaseLiveState.Snapshot(live).Entries.Length);
    }

    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
