using System.Data.Common;
using Npgsql;

namespace CaseGrid.Api.Storage;

/// <summary>
/// The hosts' PostgreSQL connections. The same few statements run on every edit and read (the event log's append, the
/// audit entry, a case's opening), so each pooled connection keeps them prepared: PostgreSQL then parses and plans each
/// once per connection instead of on every execution. A connection going back to the pool is not reset either: the
/// hosts keep no session state on it (no SET, LISTEN, temporary table or advisory lock; migrations take their lock on
/// a connection of their own). A connection string that names any of these settings keeps its own value.
/// </summary>
public static class CaseGridDataSource
{
    /// <summary>Statements each connection keeps prepared (the least recently used is let go beyond this).</summary>
    public const int PreparedStatements = 64;

    /// <summary>Executions of a statement on a connection before it is prepared there.</summary>
    public const int UsesBeforePreparing = 2;

    /// <summary>The data source for <paramref name="connectionString"/>.</summary>
    public static NpgsqlDataSource Create(string connectionString) => NpgsqlDataSource.Create(ConnectionString(connectionString));

    /// <summary><paramref name="connectionString"/> with the hosts' settings added where it does not name them.</summary>
    public static string ConnectionString(string connectionString)
    {
        // Npgsql's own builder answers for every keyword it knows, set or not: the keys written are read as written.
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = PreparedStatements;
        }

        if (!named.Contains(nameof(NpgsqlConnectionStringBuilder.AutoPrepareMinUsages)))
        {
            builder.AutoPrepareMinUsages = UsesBeforePreparing;
        }

        if (!named.Contains(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
