using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Directory;
using CaseGrid.Contracts.Groups;
using CaseGrid.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Orleans.Concurrency;

namespace CaseGrid.Grains.Units;

/// <summary>
/// The persons of cases for the development sign-in: the cases that added a person (the event type is stored in the
/// clear), each read whole and opened. Outside Development it answers nothing, whoever asks.
/// </summary>
[StatelessWorker(1)]
internal sealed class DevPersonsGrain(ICaseEventStore log, IHostEnvironment environment) : Grain, IDevPersonsGrain
{
    public async Task<ImmutableArray<DevPerson>> ListAsync(int max)
    {
        if (!environment.IsDevelopment() || max <= 0)
        {
            return [];
        }

        var caseIds = new List<string>();
        await foreach (var caseId in log.ListCaseIdsWithEventAsync(CaseEventJson.TypeName(typeof(MemberAdded)), max))
        {
            caseIds.Add(caseId);
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
