using Npgsql;

namespace CaseGrid.Harness;

/// <summary>
/// What the event log in PostgreSQL holds of the acknowledged edits, read with the cases' keys: an edit is lost when
/// its (case, version) row does not hold that very edit, and applied twice when its text is in more than one row.
/// </summary>
internal static class EventLogCheck
{
    public static async Task<(int Lost, int Twice)> CheckAsync(HarnessOptions options, IReadOnlyList<EditRecorder.Edit> acked)
    {
        var log = new SealedLog(Path.Combine(options.PkiDir, "master.key"));
        await using var db = new Postgres(options).Open();
        await using var cmd = db.CreateCommand("""
            SELECT e.case_id, e.version, e.sealed, k.wrapped_key
            FROM case_events e JOIN case_keys k ON k.case_id = e.case_id
            WHERE e.case_id = ANY($1)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. acked.Select(e => e.CaseId!).Distinct()] });
        var stored = new HashSet<(string, long, string?)>();
        var texts = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var caseId = reader.GetString(0);
                var version = reader.GetInt64(1);
                if (!keys.TryGetValue(caseId, out var key))
                {
                    keys[caseId] = key = log.Unwrap(caseId, reader.GetFieldValue<byte[]>(3));
                }

                var text = System.Text.Json.Nodes.JsonNode.Parse(SealedLog.OpenEvent(key, caseId, version, reader.GetFieldValue<byte[]>(2)))?["text"]?.GetValue<string>();
                stored.Add((caseId, version, text));
                if (text is not null && text.StartsWith("bench:", StringComparison.Ordinal))
                {
                    texts[text] = texts.GetValueOrDefault(text) + 1;
                }
            }
        }

        return (acked.Count(e => !stored.Contains((e.CaseId!, e.Version, e.Id))), texts.Values.Sum(n => n - 1));
    }
}
