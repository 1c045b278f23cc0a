using System.Diagnostics;
using System.Reflection;
using Npgsql;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// Applies CaseGrid's PostgreSQL schema — the scripts of <c>deploy/sql</c>, embedded at build — as journaled
/// migrations: each runs once, in name order, in one transaction with its entry in <c>schema_migrations</c>, while a
/// session advisory lock keeps every other migration step (silos starting together, the release's migration job) out.
/// Only the role that owns the schema can run it. A database from before the journal, on which every script was
/// re-run at each start, is recognised and its scripts recorded as applied without running them again.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The journal of applied migrations.</summary>
    public const string JournalTable = "schema_migrations";

    private const long LockKey = 0x43415345_47524944; // "CASEGRID"
    private const string Prefix = "casegrid.sql.";

    /// <summary>
    /// The scripts the releases before the journal re-ran at every start: a journal-less database that has the last of
    /// their objects (<see cref="BaselineProbeSql"/>) has had all of them applied.
    /// </summary>
    public static IReadOnlyList<string> Baseline { get; } =
    [
        "001-orleans-clustering.sql", "002-orleans-persistence.sql", "003-orleans-reminders.sql", "010-casegrid-events.sql",
        "011-casegrid-idempotency.sql", "012-casegrid-feed.sql", "013-casegrid-webhooks.sql", "014-casegrid-audit.sql",
        "015-casegrid-case-keys.sql",
    ];

    // A database from before the journal holds CaseGrid's schema marker; one that ran the whole baseline has its last
    // script's objects too.
    private const string LegacyProbeSql = "SELECT to_regclass('public.schema_info') IS NOT NULL";

    private const string BaselineProbeSql = """
        SELECT to_regclass('public.case_keys') IS NOT NULL
           AND to_regclass('public.case_erasures') IS NOT NULL
           AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.case_events') AND attname = 'sealed' AND NOT attisdropped)
        """;

    private const string JournalSql = $"""
        CREATE TABLE IF NOT EXISTS public.{JournalTable}
        (
            name        text        NOT NULL,
            checksum    text        NOT NULL,
            how         text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            applied_by  text        NOT NULL DEFAULT current_user,
            duration_ms integer     NULL,
            CONSTRAINT {JournalTable}_pkey PRIMARY KEY (name),
            CONSTRAINT {JournalTable}_how CHECK (how IN ('applied', 'baseline'))
        )
        """;

    /// <summary>This release's migrations, in the order they are applied.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = Load();

    /// <summary>Apply what the journal does not hold yet, then the every-run scripts; <paramref name="dataSource"/> must be the migration role's.</summary>
    public static Task<MigrationReport> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        ApplyAsync(dataSource, Migrations, cancellationToken);

    /// <summary>Apply <paramref name="migrations"/> (in the order given) as <see cref="ApplyAsync(NpgsqlDataSource, CancellationToken)"/> applies this release's.</summary>
    internal static async Task<MigrationReport> ApplyAsync(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnsureOwnerAsync(connection, cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            var baselined = await StartJournalAsync(connection, migrations, cancellationToken);
            var journal = await JournalAsync(connection, cancellationToken);
            foreach (var migration in migrations.Where(m => !m.EveryRun && journal.ContainsKey(m.Name)))
            {
                if (journal[migration.Name] != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Name} was changed after it was applied to this database. An applied migration never changes: " +
                        "put the file back as it was and make the change in a new migration (a new file in deploy/sql).");
                }
            }

            var applied = new List<string>();
            foreach (var migration in migrations.Where(m => !m.EveryRun && !journal.ContainsKey(m.Name)))
            {
                await RunAsync(connection, migration, journaled: true, cancellationToken);
                applied.Add(migration.Name);
            }

            foreach (var migration in migrations.Where(m => m.EveryRun))
            {
                await RunAsync(connection, migration, journaled: false, cancellationToken);
            }

            var clockMoved = await MoveFeedClockAsync(connection, cancellationToken);
            var known = migrations.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            return new MigrationReport(
                applied,
                baselined,
                journal.Count(j => known.Contains(j.Key)) - baselined.Count,
                [.. journal.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal)],
                clockMoved);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
    }

    /// <summary>Refused, and nothing done, unless the connection's role may create in the schema (the owner; never the application).</summary>
    private static async Task EnsureOwnerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT current_user, has_schema_privilege('public', 'CREATE')", connection);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean(1))
        {
            throw new InvalidOperationException(
                $"The schema's migrations run as the role that owns it (the migration role); {reader.GetString(0)} may not create objects in schema public. " +
                "Give the migration step the migration role's connection string (ConnectionStrings:migrations).");
        }
    }

    /// <summary>Create the journal when missing; on a database from before it, record the baseline as applied. Returns what was recorded.</summary>
    private static async Task<IReadOnlyList<string>> StartJournalAsync(NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var isNew = !await ScalarAsync<bool>(connection, $"SELECT to_regclass('public.{JournalTable}') IS NOT NULL", cancellationToken);
        if (!isNew)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var legacy = await ScalarAsync<bool>(connection, LegacyProbeSql, cancellationToken)
            && await ScalarAsync<bool>(connection, BaselineProbeSql, cancellationToken);
        await ExecuteAsync(connection, JournalSql, cancellationToken);
        var recorded = new List<string>();
        if (legacy)
        {
            foreach (var migration in migrations.Where(m => Baseline.Contains(m.Name, StringComparer.Ordinal)))
            {
                await JournalAsync(connection, migration, "baseline", null, cancellationToken);
                recorded.Add(migration.Name);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    private static async Task RunAsync(NpgsqlConnection connection, Migration migration, bool journaled, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException($"Migration {migration.Name} failed, and nothing of it was applied: {e.MessageText}", e);
        }

        if (journaled)
        {
            await JournalAsync(connection, migration, "applied", (int)clock.ElapsedMilliseconds, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// After a restore into another PostgreSQL instance, its transaction ids can lie below the feed positions in the
    /// restored log: the feed's clock is moved on past them (see deploy/sql/018-casegrid-feed-clock.sql).
    /// </summary>
    private static async Task<bool> MoveFeedClockAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>(connection, "SELECT to_regprocedure('public.casegrid_feed_clock_catch_up()') IS NOT NULL", cancellationToken)
        && await ScalarAsync<bool>(connection, "SELECT public.casegrid_feed_clock_catch_up()", cancellationToken);

    private static async Task<Dictionary<string, string>> JournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var journal = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand($"SELECT name, checksum FROM public.{JournalTable}", connection);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            journal[reader.GetString(0)] = reader.GetString(1);
        }

        return journal;
    }

    private static async Task JournalAsync(NpgsqlConnection connection, Migration migration, string how, int? durationMs, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand($"INSERT INTO public.{JournalTable} (name, checksum, how, duration_ms) VALUES ($1, $2, $3, $4)", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = how });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)durationMs ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    private static List<Migration> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n) ?? throw new InvalidOperationException($"Schema file {n} is not embedded.");
                using var reader = new StreamReader(stream);
                return Migration.FromScript(n[Prefix.Length..], reader.ReadToEnd());
            })];
    }
}
