using CaseGrid.Domain.Privacy;
using CaseGrid.Grains.Storage;
using Npgsql;

namespace CaseGrid.Grains.Tests;

/// <summary>The partner index in PostgreSQL: what a write records, and that a write saying what the row says writes nothing.</summary>
[Trait("Store", "PostgreSQL")]
public sealed class PostgresPartnerIndexTests
{
    [Fact]
    public async Task AReachAlreadyRecorded_IsNotWrittenAgain_AndAChangedOneIs()
    {
        var source = await TestDatabase.GetAsync();
        var index = new PostgresCasePartnerIndex(source);
        var caseId = $"case-{Guid.NewGuid():N}";
        var reach = new PartnerReach(["kommune-bergen", "prison-bergen"], true);

        await index.WriteAsync(caseId, reach, 3);
        var first = await RowAsync(source, caseId);
        await index.WriteAsync(caseId, reach with { Units = [.. reach.Units] }, 9);
        var again = await RowAsync(source, caseId);
        await index.WriteAsync(caseId, reach with { Consent = false }, 12);
        var changed = await RowAsync(source, caseId);

        Assert.Equal(["kommune-bergen", "prison-bergen"], first.Units);
        Assert.Equal((true, 3L), (first.Consent, first.Version));
        Assert.Equal(first.Units, again.Units);
        Assert.Equal((first.Consent, first.Version, first.Xmin), (again.Consent, again.Version, again.Xmin));
        Assert.Equal((false, 12L), (changed.Consent, changed.Version));
        Assert.NotEqual(first.Xmin, changed.Xmin);
    }

    private static async Task<(string[] Units, bool Consent, long Version, uint Xmin)> RowAsync(NpgsqlDataSource source, string caseId)
    {
        await using var cmd = source.CreateCommand("SELECT units, partner_consent, version, xmin FROM case_partner_index WHERE case_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetFieldValue<string[]>(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetFieldValue<uint>(3));
    }
}
