namespace CaseGrid.Api.Infrastructure.Outbox;

/// <summary>
/// The loop every outbox worker runs: a round of work, and when there was nothing to do a wait of the poll interval. A
/// round that fails (the database or the cluster not there yet, or just gone) is logged and tried again next round:
/// a background loop that stopped would stop every delivery. Each host names itself uniquely for its leases.
/// </summary>
/// <typeparam name="TOptions">The outbox's options.</typeparam>
public abstract partial class OutboxDispatcher<TOptions>(TOptions options, TimeProvider clock, ILogger logger) : BackgroundService
    where TOptions : OutboxOptions
{
    /// <summary>This host's name on the leases it takes: unique per process and start.</summary>
    protected string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The outbox's options.</summary>
    protected TOptions Options => options;

    /// <summary>The clock.</summary>
    protected TimeProvider Clock => clock;

    /// <summary>The worker's log.</summary>
    protected ILogger Logger => logger;

    /// <inheritdoc />
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunRoundAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(Logger, e, GetType().Name);
            }

            if (!busy)
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>One round of work; true when anything was done (the next round then starts at once).</summary>
    protected abstract Task<bool> RunRoundAsync(CancellationToken stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of {Dispatcher} failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string dispatcher);
}
