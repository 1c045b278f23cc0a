using CaseGrid.Grains.Storage;
using Npgsql;

namespace CaseGrid.Silo.Operations;

/// <summary>
/// Before anything else of the silo starts: the schema's pending migrations, when this silo was given the migration
/// role's connection (development and tests; production runs the release's migration step instead), then the check that
/// the cases' keys are wrapped under this process's master key — a database restored without the master key it was
/// backed up with stops the silo here, with the reason, rather than failing case by case.
/// </summary>
internal sealed partial class DatabaseStartup(
    NpgsqlDataSource application,
    CaseKeyWrapping wrapping,
    string? migrations,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (migrations is not null)
        {
            await using var owner = NpgsqlDataSource.Create(migrations);
            var report = await SchemaMigrator.ApplyAsync(owner, cancellationToken);
            Migrated(logger, report.Applied.Count, report.Baselined.Count, report.AlreadyApplied, report.Unknown.Count, report.FeedClockMoved);
        }

        await CheckMasterKeyAsync(application, wrapping, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws, naming both keys by fingerprint, when some case's key was wrapped under another master key.</summary>
    public static async Task CheckMasterKeyAsync(NpgsqlDataSource dataSource, CaseKeyWrapping wrapping, CancellationToken cancellationToken)
    {
        if (await PostgresCaseKeyStore.ForeignMasterKeyAsync(dataSource, wrapping.Fingerprint, cancellationToken) is { } other)
        {
            throw new InvalidOperationException(
                $"The cases in this database are sealed under master key {other}, and this process has master key {wrapping.Fingerprint}: " +
                "it could open none of them. After a restore, start CaseGrid with the master key file the backup was taken with " +
                "(it is kept apart from the database's backups: docs/operations.md, \"Backup and restore\").");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema: {Applied} migrations applied, {Baselined} recorded from before the journal, {AlreadyApplied} applied earlier, {Unknown} from a newer release; feed clock moved on: {ClockMoved}")]
    private static partial void Migrated(ILogger logger, int applied, int baselined, int alreadyApplied, int unknown, bool clockMoved);
}
