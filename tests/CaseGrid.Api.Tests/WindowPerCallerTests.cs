using System.Threading.RateLimiting;
using CaseGrid.Api.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CaseGrid.Api.Tests;

public sealed class WindowPerCallerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ACallerOverItsShare_IsRefusedUntilItsWindowHasPassed_WithTheRestOfTheWindowAsRetryAfter_WhileOthersAreServed()
    {
        using var limiter = new WindowPerCaller(3, TimeSpan.FromSeconds(60), _clock);

        var first = Enumerable.Range(0, 3).Select(_ => Acquired(limiter, "user:kari")).ToList();
        _clock.Advance(TimeSpan.FromSeconds(20));
        using var refused = limiter.AttemptAcquire("user:kari");
        var other = Acquired(limiter, "user:ola");

        Assert.Equal([true, true, true], first);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        Assert.True(other);

        _clock.Advance(TimeSpan.FromSeconds(39));
        Assert.False(Acquired(limiter, "user:kari"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => Acquired(limiter, "user:kari")).ToList());
    }

    [Fact]
    public async Task AskingForLeaseAsync_NeverWaits_AndCountsAsAnAttempt()
    {
        using var limiter = new WindowPerCaller(1, TimeSpan.FromSeconds(60), _clock);

        using var granted = await limiter.AcquireAsync("system:partner");
        using var refused = await limiter.AcquireAsync("system:partner");
        using var tooMany = limiter.AttemptAcquire("system:other", 2);

        Assert.True(granted.IsAcquired);
        Assert.False(refused.IsAcquired);
        Assert.False(tooMany.IsAcquired);
        Assert.Equal(0, limiter.GetStatistics("system:partner")!.CurrentAvailablePermits);
        Assert.Equal(1, limiter.GetStatistics("system:partner")!.TotalFailedLeases);
    }

    [Fact]
    public void CallersQuietForTwoWindows_AreForgotten_ByARequestOnceAWindowHasPassed_NotByATimer()
    {
        using var limiter = new WindowPerCaller(5, TimeSpan.FromSeconds(60), _clock);
        foreach (var user in Enumerable.Range(0, 100))
        {
            Assert.True(Acquired(limiter, $"user:u{user}"));
        }

        _clock.Advance(TimeSpan.FromSeconds(90));
        Assert.True(Acquired(limiter, "user:active"));
        Assert.Equal(101, limiter.Callers);

        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(101, limiter.Callers);
        Assert.True(Acquired(limiter, "user:active"));

        Assert.Equal(1, limiter.Callers);
        Assert.Equal(5, limiter.GetStatistics("user:u7")!.CurrentAvailablePermits);
    }

    [Fact]
    public void ManyThreadsAtOnce_NeverGetMoreThanTheWindowsPermits()
    {
        using var limiter = new WindowPerCaller(1000, TimeSpan.FromSeconds(60), _clock);
        var granted = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i % 2_000 == 0)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            if (Acquired(limiter, i % 4 == 0 ? "user:busy" : $"user:once-{i}"))
            {
                _ = i % 4 == 0 ? Interlocked.Increment(ref granted) : 0;
            }
        });

        Assert.Equal(1000, granted);
    }

    private static bool Acquired(WindowPerCaller limiter, string caller)
    {
        using var lease = limiter.AttemptAcquire(caller);
        return lease.IsAcquired;
    }
}
