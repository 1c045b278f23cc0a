using CaseGrid.Grains.RuleSets;

namespace CaseGrid.Silo.Operations;

/// <summary>
/// Keeps this silo's view of the published rule sets current in the background, every few seconds, so reads of a case's
/// deadlines use a newly published set even on a silo where no case has evaluated time since. A failed read keeps what
/// the silo knows and tries again.
/// </summary>
internal sealed partial class RuleSetRefresher(RuleSetCache cache, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<RuleSetRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await cache.RefreshAsync(grains, force: true).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the published rule sets; trying again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
