using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Time;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;
using CaseGrid.Grains.Cases;

namespace CaseGrid.Grains.Work;

/// <summary>
/// Tells the people a case concerns what it needs of them (domain §13), one-way, after each append: each user's list
/// their membership and the items addressed to them by name, each unit the items for its staff and its leaders. Only
/// what changed is sent; every message carries the case version, so a late or repeated one is ignored. When
/// <c>force</c> is set (on activation and whenever time is evaluated) everything is sent again, to everyone the case
/// has ever concerned, so a list or unit that missed a message heals. Items are derived with the rule set in force on
/// the day, the one the case's own time evaluation uses.
/// </summary>
internal sealed class CaseWorkPublisher(NeedAreaCatalogue catalogue, RuleSets.RuleSetCache ruleSets, WorkSettings settings, UnitNames names)
{
    // What was last sent to whom, as a fingerprint of its content rather than the content: an active case keeps this
    // for as long as it lives, and 100,000 of them must fit in a silo.
    private readonly SmallMap<long> _users = new();
    private readonly SmallMap<long> _units = new();
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
        var items = WorkRules.Derive(state, today, ruleSets.InForce(today), catalogue, settings, id => named.GetValueOrDefault(id), deadlines);
        var work = CaseWork.Of(state, today, items);

        var users = work.Users.Keys.Union(_users.Keys, StringComparer.Ordinal);
        foreach (var userId in (force ? users.Union(UsersEverConcerned(state), StringComparer.Ordinal) : users).ToList())
        {
            var update = work.Users.GetValueOrDefault(userId) ?? new UserCaseUpdate(state.CaseId, state.Version, null, []);
            var fingerprint = Fingerprint(update.Membership, update.Items, []);
            if (!force && _users.TryGetValue(userId, out var sent) && sent == fingerprint)
            {
                continue;
            }

            Remember(_users, userId, fingerprint, update.Membership is null && update.Items.IsEmpty);
            _ = grains.WorkList(userId).ObserveCaseAsync(update);
        }

        var units = work.Units.Keys.Union(_units.Keys, StringComparer.Ordinal);
        foreach (var unitId in (force ? units.Union(UnitsMentioned(state), StringComparer.Ordinal) : units).Where(CaseGridIds.IsValid).ToList())
        {
            var update = work.Units.GetValueOrDefault(unitId) ?? new UnitCaseWork(state.CaseId, state.Version, [], []);
            var fingerprint = Fingerprint(null, update.Staff, update.Leaders);
            if (!force && _units.TryGetValue(unitId, out var sent) && sent == fingerprint)
            {
                continue;
            }

            Remember(_units, unitId, fingerprint, update.IsEmpty);
            _ = grains.Unit(unitId).ObserveCaseWorkAsync(update);
        }
    }

    /// <summary>
    /// An erased case leaves every list it ever reached: each user it concerned is told, under a version no later message
    /// can pass, that it holds nothing for them; each list has stored that when this returns. (Units forget it through their own erasure call.)
    /// </summary>
    public Task ForgetAsync(CaseState state, IGrainFactory grains)
    {
        var users = _users.Keys.Union(UsersEverConcerned(state), StringComparer.Ordinal).ToList();
        _users.Clear();
        _units.Clear();
        return Task.WhenAll(users.Select(userId => grains.WorkList(userId).ForgetCaseAsync(state.CaseId)));
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

    private static void Remember(SmallMap<long> sent, string key, long value, bool empty)
    {
        if (empty)
        {
            sent.Remove(key);
        }
        else
        {
            sent.Set(key, value);
        }
    }

    /// <summary>
    /// 64 bits of the content's value (records hash by value): equal content gives an equal fingerprint. Two different
    /// contents with the same one would leave a list a change behind until the case next sends everything (on
    /// activation and whenever its time is evaluated).
    /// </summary>
    private static long Fingerprint(MemberCase? membership, ImmutableArray<WorkItem> first, ImmutableArray<WorkItem> second)
    {
        var high = default(HashCode);
        var low = default(HashCode);
        low.Add(0x2545F491);
        high.Add(membership);
        low.Add(membership?.GetHashCode() ^ 0x5BD1E995);
        foreach (var item in first.IsDefault ? [] : first)
        {
            high.Add(item);
            low.Add(item.GetHashCode() * 31);
        }

        high.Add(-1);
        low.Add(-1);
        foreach (var item in second.IsDefault ? [] : second)
        {
            high.Add(item);
            low.Add(item.GetHashCode() * 31);
        }

        return ((long)high.ToHashCode() << 32) | (uint)low.ToHashCode();
    }
}
