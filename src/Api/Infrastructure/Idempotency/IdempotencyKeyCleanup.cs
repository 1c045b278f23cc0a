namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>Forgets idempotency keys after a day: a partner's retries come within minutes, not days.</summary>
public sealed partial class IdempotencyKeyCleanup(IIdempotencyStore store, ILogger<IdempotencyKeyCleanup> logger) : BackgroundService
{
    /// <summary>How long a key is honoured.</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await store.ForgetOlderThanAsync(KeyLifetime, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCleanupFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forget old idempotency keys")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
