using System.Collections.Concurrent;
using System.Collections.Immutable;
using CaseGrid.Contracts.Realtime;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// What this host knows of each group its connections watch: the grain's head (from heartbeats and subscriptions),
/// what was last told the connections (pushes and heartbeats), when the grain was last heard of, and when the
/// connections were last sent anything. <see cref="RealtimeFanout"/> acts on it; <see cref="HostObserver"/> feeds it.
/// </summary>
public sealed class LiveHeads(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _groups = new(StringComparer.Ordinal);

    /// <summary>Every group watched here.</summary>
    public IEnumerable<KeyValuePair<string, Entry>> All => _groups;

    /// <summary>A group's first connection here joined: it counts as heard of until its subscription has had time to beat.</summary>
    public void Track(string group) => _groups.GetOrAdd(group, _ => new Entry(clock.GetTimestamp()));

    /// <summary>The group's last connection here left.</summary>
    public void Untrack(string group) => _groups.TryRemove(group, out _);

    /// <summary>A heartbeat from a silo: these grains are alive there, with this host subscribed.</summary>
    public void Heard(ImmutableArray<WatchedHead> heads)
    {
        var now = clock.GetTimestamp();
        foreach (var head in heads)
        {
            if (_groups.TryGetValue(head.Group.ToString(), out var entry))
            {
                entry.Heard(head.Head, now);
            }
        }
    }

    /// <summary>The grain's activation went: its subscription is to be made again at once.</summary>
    public void Gone(string group)
    {
        if (_groups.TryGetValue(group, out var entry))
        {
            entry.RequestRenewal();
        }
    }

    /// <summary>A subscription was made or renewed, and the grain answered its head.</summary>
    public void Subscribed(string group, long head)
    {
        if (_groups.TryGetValue(group, out var entry))
        {
            entry.Learn(head);
        }
    }

    /// <summary>A push went to the group's connections; they hold <paramref name="version"/> once they have applied it.</summary>
    public void Pushed(string group, long version)
    {
        if (_groups.TryGetValue(group, out var entry))
        {
            entry.Tell(version, clock.GetTimestamp());
        }
    }

    /// <summary>One watched group's state. Fields are read and written from several threads; each is one word.</summary>
    public sealed class Entry(long trackedAt)
    {
        private long _head;
        private long _told;
        private long _heardAt = trackedAt;
        private long _sentAt = trackedAt;
        private long _aheadSince;
        private long _triedAt;
        private int _renewing;
        private int _renewalRequested;

        /// <summary>The latest head the grain is known to have.</summary>
        public long Head => Interlocked.Read(ref _head);

        /// <summary>The highest version the connections were told of, by a push or a heartbeat.</summary>
        public long Told => Interlocked.Read(ref _told);

        /// <summary>When the grain was last heard of (a heartbeat), or the group first tracked.</summary>
        public long HeardAt => Interlocked.Read(ref _heardAt);

        /// <summary>When the connections were last sent anything for the group.</summary>
        public long SentAt => Interlocked.Read(ref _sentAt);

        /// <summary>When a renewal of the subscription was last started.</summary>
        public long TriedAt => Interlocked.Read(ref _triedAt);

        /// <summary>Whether the connections were last told the grain is live.</summary>
        public bool WasLive { get; internal set; } = true;

        /// <summary>Since when the head has been above what the connections were told (0: it is not).</summary>
        public long AheadSince => Interlocked.Read(ref _aheadSince);

        internal void Heard(long head, long now)
        {
            Learn(head);
            Interlocked.Exchange(ref _heardAt, now);
        }

        internal void Learn(long head) => Raise(ref _head, head);

        internal void Tell(long version, long now)
        {
            Raise(ref _told, version);
            Raise(ref _head, version);
            Interlocked.Exchange(ref _sentAt, now);
        }

        /// <summary>Notes when the head was first seen above what the connections were told.</summary>
        internal void MarkAhead(long now)
        {
            if (Head > Told)
            {
                Interlocked.CompareExchange(ref _aheadSince, now, 0);
            }
            else
            {
                Interlocked.Exchange(ref _aheadSince, 0);
            }
        }

        /// <summary>Starts a renewal unless one is under way.</summary>
        internal bool TryStartRenewal(long now)
        {
            if (Interlocked.CompareExchange(ref _renewing, 1, 0) != 0)
            {
                return false;
            }

            Interlocked.Exchange(ref _triedAt, now);
            return true;
        }

        internal void RenewalDone() => Volatile.Write(ref _renewing, 0);

        /// <summary>Whether a renewal was asked for (the grain's activation went) and not yet started.</summary>
        internal bool RenewalRequested => Volatile.Read(ref _renewalRequested) != 0;

        internal void RequestRenewal() => Volatile.Write(ref _renewalRequested, 1);

        internal void RenewalStarted() => Volatile.Write(ref _renewalRequested, 0);

        private static void Raise(ref long field, long value)
        {
            var seen = Interlocked.Read(ref field);
            while (value > seen)
            {
                var was = Interlocked.CompareExchange(ref field, value, seen);
                if (was == seen)
                {
                    return;
                }

                seen = was;
            }
        }
    }
}
