using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Directory;
using CaseGrid.Contracts.Groups;
using CaseGrid.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Concurrency;

namespace CaseGrid.Grains.Units;

/// <summary>
/// The persons of cases for the development sign-in: the cases that added a person (the event type is stored in the
/// clear), each read whole and opened. Outside Development it answers nothing, whoever asks.
/// </summary>
[StatelessWorker(1)]
internal sealed class DevPersonsGrain(NpgsqlDataSource dataSource, ICaseEventStore log, IHostEnvironment environment) : Grain, IDevPersonsGrain
{
    public async Task<ImmutableArray<DevPerson>> ListAsync(int max)
    {
        if (!environment.IsDevelopment() || max <= 0)
        {
            return [];
        }

        var caseIds = new List<string>();
        await using (var cmd = dataSource.CreateCommand("SELECT DISTINCT case_id FROM case_events WHERE event_type = 'member-added' ORDER BY case_id LIMIT $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                caseIds.Add(reader.GetString(0));
            }
        }

        var persons = ImmutableArray.CreateBuilder<DevPerson>();
        foreach (var caseId in caseIds)
        {
            IReadOnlyList<CaseEventRecord> events;
            try
            {
                events = await log.ReadAsync(caseId, 0, int.MaxValue);
            }
            catch (CaseErasedException)
            {
                continue;
            }

            if (events.Select(e => e.Event).OfType<CaseOpened>().FirstOrDefault()?.Person.DisplayName is not { } name)
            {
                continue;
            }

            persons.AddRange(events.Select(e => e.Event).OfType<MemberAdded>().Select(e => e.Member)
                .Where(m => m.Role == MemberRole.Person)
                .Select(m => new DevPerson(m.UserId, m.DisplayName, caseId, name)));
        }

        return persons.ToImmutable();
    }
}
