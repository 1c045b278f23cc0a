using Npgsql;

namespace CaseGrid.Api.Realtime;

/// <summary>The heads of cases in PostgreSQL's <c>case_events</c>, in one statement for all of them.</summary>
public sealed class PostgresCaseLogHeads(NpgsqlDataSource dataSource) : ICaseLogHeads
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("SELECT case_id, max(version) FROM case_events WHERE case_id = ANY($1) GROUP BY case_id");
        read.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. caseIds] });
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var rows = await read.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            heads[rows.GetString(0)] = rows.GetInt64(1);
        }

        return heads;
    }
}
