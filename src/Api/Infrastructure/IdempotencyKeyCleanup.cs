using Npgsql;

namespace CaseGrid.Api.Infrastructure;

/// <summary>Forgets idempotency keys after a day: a partner's retries come within minutes, not days.</summary>
public sealed partial class IdempotencyKeyCleanup(NpgsqlDataSource dataSource, ILogger<IdempotencyKeyCleanup> logger) : BackgroundService
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
                await using var cmd = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < now() - $1");
                cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = KeyLifetime });
                await cmd.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (NpgsqlException e)
            {
                LogCleanupFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forget old idempotency keys")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
