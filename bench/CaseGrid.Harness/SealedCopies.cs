using System.Security.Cryptography;
using Npgsql;

namespace CaseGrid.Harness;

/// <summary>
/// Copies of a template case written straight into the event log, as the server would have written them: each copy
/// under a data key of its own, wrapped under the master key, its events sealed (see <see cref="SealedLog"/>). The
/// scenarios that need thousands of cases make one through the API and copy it here.
/// </summary>
internal sealed class SealedCopies(NpgsqlDataSource db, string masterKeyFile)
{
    private const int Batch = 2_000;
    private readonly SealedLog _log = new(masterKeyFile);

    /// <summary>
    /// <paramref name="json"/> with each of <paramref name="ids"/> (whole JSON strings, as values or keys) given the number
    /// <paramref name="number"/> in place of its last character: ids made for copy 0 made those of copy <paramref name="number"/>.
    /// </summary>
    public static string Renumbered(string json, IEnumerable<string> ids, int number)
    {
        foreach (var id in ids)
        {
            json = json.Replace($"\"{id}\"", $"\"{Renumbered(id, number)}\"", StringComparison.Ordinal);
        }

        return json;
    }

    /// <summary><paramref name="id"/> with <paramref name="number"/> in place of its last character.</summary>
    public static string Renumbered(string id, int number) => id[..^1] + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The template's events, opened.</summary>
    public async Task<IReadOnlyList<TemplateEvent>> ReadAsync(string template)
    {
        var rows = new List<TemplateEvent>();
        await using var read = db.CreateCommand("""
            SELECT e.version, e.event_type, e.sealed, e.actor_id, e.client_id, e.occurred_at, k.wrapped_key, e.command_id, e.command_hash
            FROM case_events e JOIN case_keys k ON k.case_id = e.case_id WHERE e.case_id = $1 ORDER BY e.version
            """);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = template });
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = _log.Unwrap(template, reader.GetFieldValue<byte[]>(6));
            rows.Add(new TemplateEvent(reader.GetInt64(0), reader.GetString(1), SealedLog.OpenEvent(key, template, reader.GetInt64(0), reader.GetFieldValue<byte[]>(2)),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    /// <summary>
    /// Copies of <paramref name="template"/> numbered <paramref name="first"/> up to <paramref name="cases"/> (not included):
    /// copy i gets the id <paramref name="caseId"/>(i), each event's JSON <paramref name="rewrite"/>(json, i) and its actor
    /// <paramref name="actor"/>(actor, i).
    /// </summary>
    public async Task CopyAsync(string template, int cases, Func<int, string> caseId, Func<string, int, string> rewrite, Func<string, int, string>? actor = null, int first = 0)
    {
        var rows = await ReadAsync(template);
        for (var from = first; from < cases; from += Batch)
        {
            var numbers = Enumerable.Range(from, Math.Min(cases, from + Batch) - from).ToList();
            var ids = numbers.Select(caseId).ToList();
            var keys = ids.Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
            var n = ids.Count * rows.Count;
            var (caseIds, versions, types, payloads, actors, clients, times) =
                (new string[n], new long[n], new string[n], new byte[n][], new string[n], new string?[n], new DateTimeOffset[n]);
            var (commands, hashes) = (new string?[n], new string?[n]);
            var r = 0;
            for (var c = 0; c < ids.Count; c++)
            {
                foreach (var row in rows)
                {
                    var json = rewrite(row.Json.Replace(template, ids[c], StringComparison.Ordinal), numbers[c]);
                    (caseIds[r], versions[r], types[r], actors[r], clients[r], times[r]) =
                        (ids[c], row.Version, row.Type, actor?.Invoke(row.Actor, numbers[c]) ?? row.Actor, row.Client, row.At);
                    (commands[r], hashes[r]) = (row.CommandId, row.CommandHash);
                    payloads[r++] = SealedLog.SealEvent(keys[c], ids[c], row.Version, json);
                }
            }

            await using var insertKeys = db.CreateCommand("INSERT INTO case_keys (case_id, master_key, wrapped_key) SELECT c, $2, k FROM unnest($1::text[], $3::bytea[]) AS x(c, k)");
            insertKeys.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
            insertKeys.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _log.Fingerprint });
            insertKeys.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. ids.Select((id, c) => _log.Wrap(id, keys[c]))] });
            await insertKeys.ExecuteNonQueryAsync();

            await using var insert = db.CreateCommand("""
                INSERT INTO case_events (case_id, version, event_type, sealed, actor_id, client_id, occurred_at, command_id, command_hash)
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
                """);
            insert.CommandTimeout = 600;
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = caseIds });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = versions });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = actors });
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = clients });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = times });
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = commands });
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = hashes });
            await insert.ExecuteNonQueryAsync();
        }
    }
}
