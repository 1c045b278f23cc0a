namespace CaseGrid.Grains.Tests;

/// <summary>Awaits a condition that one-way messages make true shortly, within a bounded time.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, int timeoutMs = 10_000)
        where T : class
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (!await tick.WaitForNextTickAsync(timeout.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
            {
                throw new TimeoutException($"The condition did not hold within {timeoutMs} ms.");
            }
        }
    }
}
