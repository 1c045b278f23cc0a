using Npgsql;

namespace CaseGrid.Api.Infrastructure.Outbox;

/// <summary>The one statement shape every outbox store runs: a change with positional parameters, answering whether a row changed.</summary>
public static class OutboxSql
{
    /// <summary>
    /// Run <paramref name="sql"/> with <paramref name="values"/> as <c>$1</c>, <c>$2</c>, … (a value, or a parameter where a
    /// value could be null); true when it changed a row.
    /// </summary>
    public static async Task<bool> ChangeAsync(this NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(values);
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            cmd.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return await cmd.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
