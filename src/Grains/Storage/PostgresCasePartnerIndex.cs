using CaseGrid.Domain.Privacy;
using Npgsql;

namespace CaseGrid.Grains.Storage;

/// <summary>The partner index in PostgreSQL: table <c>case_partner_index</c>, one row per case.</summary>
public sealed class PostgresCasePartnerIndex(NpgsqlDataSource dataSource) : ICasePartnerIndex
{
    // A row that already says the same is left alone: no row written, so nothing to commit and flush (every activation
    // writes the reach afresh, and it seldom changes). Its version then stays that of the last change of the reach.
    private const string WriteSql = """
        INSERT INTO case_partner_index (case_id, units, partner_consent, version, updated_at)
        SELECT $1, $2, $3, $4, now()
        WHERE NOT EXISTS (SELECT 1 FROM case_partner_index WHERE case_id = $1 AND units = $2 AND partner_consent = $3)
        ON CONFLICT (case_id) DO UPDATE SET units = EXCLUDED.units, partner_consent = EXCLUDED.partner_consent, version = EXCLUDED.version, updated_at = now()
        """;

    /// <inheritdoc />
    public async Task WriteAsync(string caseId, PartnerReach reach, long version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reach);
        await using var cmd = dataSource.CreateCommand(WriteSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. reach.Units] });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = reach.Consent });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
