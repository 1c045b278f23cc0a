using CaseGrid.Grains.Storage;
using Npgsql;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The schema's journaled migrations on databases of a fresh PostgreSQL: each applied once, in order, with its journal
/// entry or not at all, under a lock that lets several migration steps start together, and only by the migration role.
/// </summary>
[Collection(ScratchPostgresShared.Name)]
public sealed class SchemaMigrationTests(ScratchPostgresFixture postgres)
{
    private static readonly string[] Journaled = [.. SchemaMigrator.Migrations.Where(m => !m.EveryRun).Select(m => m.Name)];

    [Fact]
    public async Task AnEmptyDatabase_GetsEveryMigrationOnce_InOrder_AndASecondStepAppliesNothing()
    {
        var (owner, app) = await DatabaseAsync();
        await using (owner)
        await using (app)
        {
            var first = await SchemaMigrator.ApplyAsync(owner);
            Assert.Equal(Journaled, first.Applied);
            Assert.Empty(first.Baselined);
            Assert.False(first.FeedClockMoved);
            Assert.Equal(Journaled, await JournalAsync(owner, "ORDER BY applied_at, name"));
            Assert.Equal(Journaled.Length, await ScalarAsync<long>(owner, "SELECT count(*) FROM schema_migrations WHERE how = 'applied' AND checksum ~ '^[0-9a-f]{64}$'"));

            var second = await SchemaMigrator.ApplyAsync(owner);
            Assert.Empty(second.Applied);
            Assert.Equal(Journaled.Length, second.AlreadyApplied);

            // The application reads the journal (DatabaseRoleTests: and changes nothing in it).
            Assert.Equal(Journaled.Length, await ScalarAsync<long>(app, "SELECT count(*) FROM schema_migrations"));
        }
    }

    [Fact]
    public async Task MigrationStepsStartedTogether_ApplyEachMigrationOnce()
    {
        var (owner, app) = await DatabaseAsync();
        await using (owner)
        await using (app)
        {
            var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(owner))));
            Assert.Equal(Journaled, reports.SelectMany(r => r.Applied).Order(StringComparer.Ordinal));
            Assert.Single(reports, r => r.Applied.Count > 0);
            Assert.Equal(Journaled, await JournalAsync(owner, "ORDER BY name"));
        }
    }

    [Fact]
    public async Task TheApplicationRole_CannotRunMigrations_AndLeavesNoJournal()
    {
        var (owner, app) = await DatabaseAsync();
        await using (owner)
        await using (app)
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.ApplyAsync(app));
            Assert.Contains("migration role", refused.Message, StringComparison.Ordinal);
            Assert.Null(await ScalarAsync<object>(owner, "SELECT to_regclass('public.schema_migrations')::text"));
            Assert.Null(await ScalarAsync<object>(owner, "SELECT to_regclass('public.case_events')::text"));
        }
    }

    [Fact]
    public async Task AMigrationChangedAfterItWasApplied_IsRefused()
    {
        var (owner, app) = await DatabaseAsync();
        await using (owner)
        await using (app)
        {
            await SchemaMigrator.ApplyAsync(owner);
            await ScalarAsync<int>(owner, "UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE name = '013-casegrid-webhooks.sql'");
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.ApplyAsync(owner));
            Assert.Contains("013-casegrid-webhooks.sql was changed after it was applied", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFailingMigration_LeavesNothingOfItself_AndTheOnesBeforeItStayApplied()
    {
        var (owner, app) = await DatabaseAsync();
        await using (owner)
        await using (app)
        {
            Migration[] migrations =
            [
                Migration.FromScript("900-first.sql", "BEGIN;\nCREATE TABLE public.first_table (id int);\nCOMMIT;\n"),
                Migration.FromScript("901-broken.sql", "CREATE TABLE public.broken_table (id int);\nSELECT 1 / 0;\n"),
                Migration.FromScript("902-after.sql", "CREATE TABLE public.after_table (id int);\n"),
            ];
            var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.ApplyAsync(owner, migrations, CancellationToken.None));
            Assert.Contains("901-broken.sql failed, and nothing of it was applied", failed.Message, StringComparison.Ordinal);
            Assert.Equal(["900-first.sql"], await JournalAsync(owner, "ORDER BY name"));
            Assert.Equal("first_table", await ScalarAsync<string>(owner, "SELECT to_regclass('public.first_table')::text"));
            Assert.Null(await ScalarAsync<object>(owner, "SELECT to_regclass('public.broken_table')::text"));
            Assert.Null(await ScalarAsync<object>(owner, "SELECT to_regclass('public.after_table')::text"));

            // Mended, the step goes on from where it stopped.
            migrations[1] = Migration.FromScript("901-broken.sql", "CREATE TABLE public.broken_table (id int);\n");
            var report = await SchemaMigrator.ApplyAsync(owner, migrations, CancellationToken.None);
            Assert.Equal(["901-broken.sql", "902-after.sql"], report.Applied);
        }
    }

    [Fact]
    public void TheLastReleasesScripts_AreAsItAppliedThem()
    {
        // Databases of that release have had these applied and recorded (baselined): an edit would never reach them,
        // and their next migration step refuses it by name.
        var released = File.ReadAllLines(Path.Combine(UpgradeFromReleaseTests.FixtureFolder, "schema.sha256"))
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
        Assert.Equal(SchemaMigrator.Baseline.Order(StringComparer.Ordinal), released.Keys.Order(StringComparer.Ordinal));
        foreach (var migration in SchemaMigrator.Migrations.Where(m => released.ContainsKey(m.Name)))
        {
            Assert.True(released[migration.Name] == migration.Checksum,
                $"deploy/sql/{migration.Name} differs from the script release dfd5d39 applied. An applied migration never changes: " +
                "put the file back and make the change in a new migration (a new file in deploy/sql, numbered after the last).");
        }
    }

    /// <summary>A new, empty database on the scratch instance: data sources as the migration role and as the application role.</summary>
    private async Task<(NpgsqlDataSource Owner, NpgsqlDataSource App)> DatabaseAsync()
    {
        var name = $"migrations_{Guid.NewGuid():N}"[..24];
        await postgres.Instance.CreateDatabaseAsync(name);
        return (NpgsqlDataSource.Create(await postgres.Instance.UrlAsync(name, migration: true)), NpgsqlDataSource.Create(await postgres.Instance.UrlAsync(name)));
    }

    private static async Task<List<string>> JournalAsync(NpgsqlDataSource db, string order)
    {
        await using var cmd = db.CreateCommand($"SELECT name FROM schema_migrations {order}");
        await using var reader = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }
}
