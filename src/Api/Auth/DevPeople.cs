using System.Collections.Immutable;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Directory;

namespace CaseGrid.Api.Auth;

/// <summary>
/// Everyone the development sign-in page can offer, from an empty start: the staff of every unit (from the directory)
/// and the persons of cases (from the cases' own events). Only where the development issuer exists.
/// </summary>
public sealed class DevPeople(IGrainFactory grains)
{
    private const int Max = 500;

    /// <summary>Staff and persons, each once, by name.</summary>
    public async Task<ImmutableArray<DevUser>> ListAsync(CancellationToken cancellationToken)
    {
        var staff = await grains.Directory().FindPeopleAsync(null, Max);
        var persons = await PersonsAsync(cancellationToken);
        var users = staff.ToDictionary(p => p.UserId, p => new DevUser(p.UserId, p.Name, p.Units, []), StringComparer.Ordinal);
        foreach (var group in persons.GroupBy(p => p.UserId, StringComparer.Ordinal))
        {
            var cases = group.Select(p => new DevPersonCase(p.CaseId, p.PersonName)).ToImmutableArray();
            users[group.Key] = users.TryGetValue(group.Key, out var known)
                ? known with { PersonCases = cases }
                : new DevUser(group.Key, group.First().MemberName, [], cases);
        }

        return [.. users.Values.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.UserId, StringComparer.Ordinal)];
    }

    /// <summary>The persons added to cases, with the case and the person's name as the case was opened.</summary>
    private async Task<List<(string UserId, string MemberName, string CaseId, string PersonName)>> PersonsAsync(CancellationToken cancellationToken)
    {
        var persons = await grains.GetGrain<IDevPersonsGrain>(0).ListAsync(Max).WaitAsync(cancellationToken);
        return [.. persons.Select(p => (p.UserId, p.MemberName, p.CaseId, p.PersonName))];
    }
}

/// <summary>Someone the development sign-in page offers.</summary>
/// <param name="UserId">Their id.</param>
/// <param name="Name">Their name.</param>
/// <param name="Units">The units they work at.</param>
/// <param name="PersonCases">The cases in which they are the person.</param>
public sealed record DevUser(string UserId, string Name, ImmutableArray<DirectoryUnit> Units, ImmutableArray<DevPersonCase> PersonCases);

/// <summary>A case in which a development user is the person.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PersonName">The person's name.</param>
public sealed record DevPersonCase(string CaseId, string PersonName);
