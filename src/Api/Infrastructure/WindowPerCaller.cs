using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// A fixed window of permits per caller, counted when the caller asks and never by a timer: a caller's window opens at
/// its first request and its permits come back when the window has passed. Windows of callers gone quiet are removed
/// at most once per window, by the request that finds the time for it has come. A limiter made with
/// <see cref="PartitionedRateLimiter.Create{TResource, TPartitionKey}"/> holds a timer that visits every caller's
/// limiter ten times a second, busy or not; with a thousand callers connected that was 1.8 % of the host's CPU.
/// </summary>
public sealed class WindowPerCaller : PartitionedRateLimiter<string>
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly int _permits;
    private readonly long _window;
    private readonly TimeProvider _clock;
    private long _nextSweep;
    private int _disposed;

    /// <summary>A limiter that allows <paramref name="permits"/> per <paramref name="window"/> to each caller.</summary>
    public WindowPerCaller(int permits, TimeSpan window, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        _permits = permits;
        _clock = clock;
        _window = (long)(window.TotalSeconds * clock.TimestampFrequency);
        _nextSweep = clock.GetTimestamp() + _window;
    }

    /// <summary>How many callers have a window open or not yet removed.</summary>
    public int Callers => _windows.Count;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var now = _clock.GetTimestamp();
        if (!_windows.TryGetValue(resource, out var window))
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _permits };
        }

        lock (window)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = now - window.Start >= _window ? _permits : _permits - window.Taken,
                TotalSuccessfulLeases = window.Successful,
                TotalFailedLeases = window.Failed,
            };
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (permitCount > _permits)
        {
            return Refused.Never;
        }

        var now = _clock.GetTimestamp();
        SweepIfDue(now);
        while (true)
        {
            var window = _windows.GetOrAdd(resource, static (_, start) => new Window(start), now);
            lock (window)
            {
                if (!window.Removed)
                {
                    return Take(window, permitCount, now);
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Nobody waits in a queue: a caller over its share is refused at once, as by <see cref="AttemptAcquireCore"/>.</remarks>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<RateLimitLease>(cancellationToken)
            : ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        Volatile.Write(ref _disposed, 1);
        _windows.Clear();
        base.Dispose(disposing);
    }

    /// <summary>Takes permits from a caller's window, opening a new one if it has passed; the caller holds its lock.</summary>
    private RateLimitLease Take(Window window, int permitCount, long now)
    {
        if (now - window.Start >= _window)
        {
            window.Start = now;
            window.Taken = 0;
        }

        if (window.Taken + permitCount <= _permits)
        {
            window.Taken += permitCount;
            window.Successful++;
            return Granted.Lease;
        }

        window.Failed++;
        return new Refused(TimeSpan.FromSeconds((double)(window.Start + _window - now) / _clock.TimestampFrequency));
    }

    /// <summary>Once per window, the windows that ended a whole window ago go: their callers start afresh when they come back.</summary>
    private void SweepIfDue(long now)
    {
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _window, due) != due)
        {
            return;
        }

        foreach (var (caller, window) in _windows)
        {
            lock (window)
            {
                // Marked under the lock, so a request that found this window before it went takes a fresh one instead.
                if (now - window.Start >= 2 * _window && _windows.TryRemove(new KeyValuePair<string, Window>(caller, window)))
                {
                    window.Removed = true;
                }
            }
        }
    }

    private sealed class Window(long start)
    {
        public long Start = start;
        public int Taken;
        public long Successful;
        public long Failed;
        public bool Removed;
    }

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Refused(TimeSpan? retryAfter) : RateLimitLease
    {
        /// <summary>A request for more permits than a window has.</summary>
        public static readonly Refused Never = new(null);

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
