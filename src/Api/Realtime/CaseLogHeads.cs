using Npgsql;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// The heads of cases read from their event log itself: while a case's grain cannot be reached (its silo died and the
/// cluster has not yet moved it), the log still says how far the case got, so viewers learn at once that they are
/// behind — an event can be committed just before its silo dies and never pushed.
/// </summary>
public sealed class CaseLogHeads(NpgsqlDataSource dataSource)
{
    /// <summary>The last version of each case that has one.</summary>
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
