using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Time;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Grains.Work;

/// <summary>
/// Tells the people a case concerns what it needs of them (domain §13), one-way, after each append: each user's list
/// their membership and the items addressed to them by name, each unit the items for its staff and its leaders. Only
/// what changed is sent; every message carries the case version, so a late or repeated one is ignored. When
/// <c>force</c> is set (on activation and whenever time is evaluated) everything is sent again, to everyone the case
/// has ever concerned, so a list or unit that missed a message heals.
/// </summary>
internal sealed class CaseWorkPublisher(NeedAreaCatalogue catalogue, DeadlineRuleSet rules, WorkSettings settings, UnitNames names)
{
    private readonly Dictionary<string, UserCaseUpdate> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitCaseWork> _units = new(StringComparer.Ordinal);
    private DateOnly _day;

    /// <summary>Derive and send. <paramref name="relevant"/> false skips an event that cannot change any item (a goal's text, minutes).</summary>
    public async Task PublishAsync(CaseState? state, IGrainFactory grains, DateTimeOffset now, bool force, bool relevant, ImmutableArray<Deadline>? deadlines = null)
    {
        var today = NorwegianTime.DateOf(now);
        if (state is null || (!force && !relevant && today == _day))
        {
            return;
        }

        _day = today;
        var named = await names.GetAsync(grains, UnitsMentioned(state));
        var items = WorkRules.Derive(state, today, rules, catalogue, settings, id => named.GetValueOrDefault(id), deadlines);
        var work = CaseWork.Of(state, today, items);

        var users = work.Users.Keys.Union(_users.Keys, StringComparer.Ordinal);
        foreach (var userId in (force ? users.Union(UsersEverConcerned(state), StringComparer.Ordinal) : users).ToList())
        {
            var update = work.Users.GetValueOrDefault(userId) ?? new UserCaseUpdate(state.CaseId, state.Version, null, []);
            var unversioned = update with { CaseVersion = 0 };
            if (!force && _users.TryGetValue(userId, out var sent) && Same(sent, unversioned))
            {
                continue;
            }

            Remember(_users, userId, unversioned, update.Membership is null && update.Items.IsEmpty);
            _ = grains.WorkList(userId).ObserveCaseAsync(update);
        }

        var units = work.Units.Keys.Union(_units.Keys, StringComparer.Ordinal);
        foreach (var unitId in (force ? units.Union(UnitsMentioned(state), StringComparer.Ordinal) : units).Where(CaseGridIds.IsValid).ToList())
        {
            var update = work.Units.GetValueOrDefault(unitId) ?? new UnitCaseWork(state.CaseId, state.Version, [], []);
            var unversioned = update with { CaseVersion = 0 };
            if (!force && _units.TryGetValue(unitId, out var sent) && Same(sent, unversioned))
            {
                continue;
            }

            Remember(_units, unitId, unversioned, update.IsEmpty);
            _ = grains.Unit(unitId).ObserveCaseWorkAsync(update);
        }
    }

    /// <summary>The units a case names: where it is, its home, its members' units, where handovers and escalations went.</summary>
    public static IEnumerable<string> UnitsMentioned(CaseState s) =>
        new[] { s.CurrentUnitId, s.Home.RegisteredUnitId, s.Home.IntendedUnitId }
            .Concat(s.Members.Values.Select(m => m.UnitId))
            .Concat(s.Handovers.Values.Select(h => h.ToUnitId))
            .Concat(s.Escalations.Select(e => e.UnitId))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    /// <summary>Everyone the case may ever have told anything: its members, former ones too, and the named receivers of its handovers.</summary>
    private static IEnumerable<string> UsersEverConcerned(CaseState s) =>
        s.Members.Keys.Concat(s.Handovers.Values.Select(h => h.ToUserId).OfType<string>()).Where(CaseGridIds.IsValid);

    private static void Remember<T>(Dictionary<string, T> sent, string key, T value, bool empty)
    {
        if (empty)
        {
            sent.Remove(key);
        }
        else
        {
            sent[key] = value;
        }
    }

    private static bool Same(UserCaseUpdate a, UserCaseUpdate b) => Equals(a.Membership, b.Membership) && a.Items.SequenceEqual(b.Items);

    private static bool Same(UnitCaseWork a, UnitCaseWork b) => a.Staff.SequenceEqual(b.Staff) && a.Leaders.SequenceEqual(b.Leaders);
}
