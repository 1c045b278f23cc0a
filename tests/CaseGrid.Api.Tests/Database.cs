using Npgsql;

namespace CaseGrid.Api.Tests;

/// <summary>Looks into the test database as the application role, to check what is (and is not) stored.</summary>
public static class Database
{
    /// <summary>The first column of the first row of <paramref name="sql"/> ($1, $2… bound to <paramref name="values"/>).</summary>
    public static async Task<object?> ScalarAsync(this CaseGridApiFactory factory, string sql, params object[] values)
    {
        await using var db = NpgsqlDataSource.Create(factory.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>
    /// The tables in which <paramref name="text"/> can be found anywhere in a row, as text or as UTF-8 bytes (so sealed
    /// columns, Orleans' binary grain state and every other column count). Empty when nothing of it is stored.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TablesHoldingAsync(this CaseGridApiFactory factory, string text)
    {
        await using var db = NpgsqlDataSource.Create(factory.ConnectionString);
        var tables = new List<string>();
        await using (var list = db.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var hex = Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(text));
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var cmd = db.CreateCommand($"SELECT count(*) FROM public.\"{table}\" t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0");
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hex });
            if ((long)(await cmd.ExecuteScalarAsync())! > 0)
            {
                holding.Add(table == "orleansstorage" ? $"orleansstorage ({await GrainsHoldingAsync(db, text, hex)})" : table);
            }
        }

        return holding;
    }

    /// <summary>Which grains' stored state holds the text: their type and id, so a failure names the copy left behind.</summary>
    private static async Task<string> GrainsHoldingAsync(NpgsqlDataSource db, string text, string hex)
    {
        await using var cmd = db.CreateCommand("""
            SELECT string_agg(DISTINCT graintypestring || '/' || coalesce(grainidextensionstring, ''), ', ')
            FROM orleansstorage t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hex });
        return (await cmd.ExecuteScalarAsync()) as string ?? "";
    }
}
