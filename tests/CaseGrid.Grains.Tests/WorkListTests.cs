using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;
using CaseGrid.Domain.Work;
using CaseGrid.Grains.Storage;
using Npgsql;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// Work lists as a projection on the two-silo cluster: each equals a fresh derivation from the cases after a burst of
/// changes, follows staff in and out of units, and heals when it missed a message.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class WorkListTests(ClusterFixture fixture)
{
    private readonly ICaseEventStore _log = fixture.Log;

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task EveryList_EqualsAFreshDerivationFromTheCases_AfterABurstOfChanges()
    {
        var w = await World.CreateAsync(Grains);
        var cases = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => w.OpenAsync($"Person {i}")));

        // A burst, the cases in parallel: members join, areas get owners, handovers are offered, declined and accepted,
        // proposals made, dates moved earlier, consent recorded on the person's word.
        await Task.WhenAll(cases.Select(async (caseId, i) =>
        {
            var c = Grains.Case(caseId);
            await World.MustAsync(c, w.Officer, new AddMember(w.Colleague.UserId, w.Colleague.DisplayName, MemberRole.Kontaktbetjent, Agency.Prison, w.Prison, null));
            await World.MustAsync(c, w.Officer, new AddMember(w.Person(i).UserId, w.Person(i).DisplayName, MemberRole.Person, Agency.Person, null, null));
            await World.MustAsync(c, w.Officer, new IdentifyNeed("housing", w.Colleague.UserId, null, null));
            await World.MustAsync(c, w.Officer, new IdentifyNeed("income-debt", w.Officer.UserId, null, null));
            var offer = await World.MustAsync(c, w.Colleague, new OfferHandover("housing", w.Municipality, null, World.Today.AddDays(10), null));
            var handoverId = ((HandoverOffered)offer.Events.Single().Event).HandoverId;
            await World.MustAsync(c, w.Person(i), new SubmitProposal(i % 2 == 0 ? "housing" : null, "Et forslag"));
            await World.MustAsync(c, w.Officer, new RecordConsent([Contracts.Privacy.ConsentScope.PlanSharing], null));
            switch (i)
            {
                case 0:
                    await World.MustAsync(c, w.Caseworker, new DeclineHandover(handoverId, "Ingen plass"));
                    break;
                case 1:
                    await World.MustAsync(c, w.Caseworker, new AcceptHandover(handoverId));
                    break;
                case 2:
                    var state = (await c.GetAsync(w.Officer, null)).State!;
                    await World.MustAsync(c, w.Officer, new SetKeyDates(state.Dates with { ExpectedRelease = World.Today.AddDays(20), EarliestRelease = World.Today.AddDays(20) }, null));
                    break;
            }
        }));

        foreach (var user in w.Everyone)
        {
            var expected = await w.DerivedAsync(_log, cases, user.UserId);
            // The cases tell the lists one-way: on a loaded machine (every suite at once on two cores) that takes its time.
            var list = await Eventually.ValueAsync(
                async () =>
                {
                    var now = await Grains.WorkList(user.UserId).GetAsync();
                    return Ids(now.Items).SequenceEqual(Ids(expected)) ? now : null;
                },
                60_000);

            Assert.Equal(expected.OrderBy(i => i.ItemId, StringComparer.Ordinal), list.Items.OrderBy(i => i.ItemId, StringComparer.Ordinal));
        }

        // The burst reached everyone it should: the leader has the escalation, the caseworkers the offers, the persons their consent.
        Assert.Contains((await Grains.WorkList(w.PrisonLeader.UserId).GetAsync()).Items, i => i.Kind == WorkItemKind.Escalation);
        Assert.Equal(2, (await Grains.WorkList(w.Caseworker2.UserId).GetAsync()).Items.Count(i => i.Kind == WorkItemKind.HandoverOffered));
        Assert.Contains((await Grains.WorkList(w.Person(3).UserId).GetAsync()).Items, i => i.Kind == WorkItemKind.ConsentToConfirm);
    }

    [Fact]
    public async Task StaffWhoLeaveAUnit_LoseItsItems_AndThoseWhoJoin_OrBecomeLeaders_GetThem()
    {
        var w = await World.CreateAsync(Grains);
        var caseId = await w.OpenAsync("Ola Nordmann");
        var c = Grains.Case(caseId);
        await World.MustAsync(c, w.Officer, new IdentifyNeed("housing", w.Officer.UserId, null, null));
        var offer = await World.MustAsync(c, w.Officer, new OfferHandover("housing", w.Municipality, null, World.Today.AddDays(10), null));
        var handoverId = ((HandoverOffered)offer.Events.Single().Event).HandoverId;
        await HasAsync(w.Caseworker, i => i.RefId == handoverId);

        Assert.Null(await Grains.Unit(w.Municipality).RemoveStaffAsync(w.Caseworker.UserId));
        var newcomer = new ActorRef($"u-new-{w.Suffix}", "Nina Ny");
        Assert.Null(await Grains.Unit(w.Municipality).SetStaffAsync(new UnitStaff(newcomer.UserId, newcomer.DisplayName, false)));

        await HasNotAsync(w.Caseworker, i => i.RefId == handoverId);
        await HasAsync(newcomer, i => i.RefId == handoverId);
        Assert.Empty((await Grains.WorkList(w.Caseworker.UserId).GetProfileAsync()).Units);

        // The offer passes its planned date unanswered: the escalation goes to the municipality's leaders, not its staff.
        await World.MustAsync(c, w.Caseworker2, new DeclineHandover(handoverId, "Nei"));
        await HasAsync(w.PrisonLeader, i => i.Kind == WorkItemKind.Escalation && i.CaseId == caseId);
        Assert.Null(await Grains.Unit(w.Prison).SetStaffAsync(new UnitStaff(w.Colleague.UserId, w.Colleague.DisplayName, IsLeader: true)));
        await HasAsync(w.Colleague, i => i.Kind == WorkItemKind.Escalation && i.CaseId == caseId);
        Assert.Null(await Grains.Unit(w.Prison).SetStaffAsync(new UnitStaff(w.Colleague.UserId, w.Colleague.DisplayName, IsLeader: false)));
        await HasNotAsync(w.Colleague, i => i.Kind == WorkItemKind.Escalation);
        Assert.DoesNotContain((await Grains.WorkList(w.Officer.UserId).GetAsync()).Items, i => i.Kind == WorkItemKind.Escalation);
    }

    [Fact]
    public async Task AMissedDeadline_ReachesItsOwner_AndItsEscalationTheLeader_AndBothGoWhenItIsMet()
    {
        var w = await World.CreateAsync(Grains);
        var caseId = await w.OpenAsync("Ola Nordmann", intakeDaysAgo: 10);
        var c = Grains.Case(caseId);
        await c.EvaluateTimeAsync();

        var owner = await HasAsync(w.Officer, i => i.Kind == WorkItemKind.DeadlineMissed && i.Subject == "needs-conversation-1");
        var leader = await HasAsync(w.PrisonLeader, i => i.Kind == WorkItemKind.Escalation && i.Subject == "needs-conversation-1");
        Assert.DoesNotContain((await Grains.WorkList(w.Colleague.UserId).GetAsync()).Items, i => i.CaseId == caseId);
        Assert.True(owner.Items.First(i => i.Subject == "needs-conversation-1").Overdue);
        Assert.Equal(w.Prison, leader.Items.First(i => i.Kind == WorkItemKind.Escalation).UnitId);

        await World.MustAsync(c, w.Officer, new RecordMilestone(Contracts.Time.MilestoneKind.NeedsConversation1, World.Today, null));

        await HasNotAsync(w.Officer, i => i.Subject == "needs-conversation-1");
        await HasNotAsync(w.PrisonLeader, i => i.Kind == WorkItemKind.Escalation && i.CaseId == caseId && i.Subject == "needs-conversation-1");
    }

    [Fact]
    public async Task AListOnlyCasesFeed_LeavesMemoryAfterAnUpdate_AndALateOlderUpdateCannotPassAfterwards()
    {
        var userId = $"wl-person-{Guid.NewGuid():N}";
        var caseId = $"case-{Guid.NewGuid():N}";
        var list = Grains.WorkList(userId);
        var held = Consent(caseId, "Bekreft samtykket");
        var older = Consent(caseId, "Et eldre ord");

        await list.ObserveCaseAsync(new UserCaseUpdate(caseId, 5, null, [held]));
        await list.ObserveCaseAsync(new UserCaseUpdate(caseId, 7, null, [held]));

        // Nobody watches the person's list and no unit feeds it: it goes, and takes the version it saw last with it.
        var type = ((GrainReference)(object)list).GrainId.Type;
        var key = ((GrainReference)(object)list).GrainId.Key.ToString();
        // Its store on the way out (Azurite in the Azure pass) takes its time on a loaded machine.
        await Eventually.ValueAsync(async () => (await Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type)).Any(g => g.Key.ToString() == key) ? null : "gone", 60_000);
        await list.ObserveCaseAsync(new UserCaseUpdate(caseId, 6, null, [older]));

        Assert.Equal(held, Assert.Single((await list.GetAsync()).Items));
    }

    [Fact]
    public async Task AListOnlyCasesFeed_TakesEveryUpdateOfABurst_AndLeavesMemoryOnlyWhenItIsQuiet()
    {
        // Many cases tell one person's list at once (one-way, as cases do). Leaving memory after each update would have
        // the burst forwarded from one departing activation to the next until Orleans drops messages.
        var userId = $"wl-person-{Guid.NewGuid():N}";
        var list = Grains.WorkList(userId);
        var caseIds = Enumerable.Range(0, 300).Select(_ => $"case-{Guid.NewGuid():N}").ToList();
        await Task.WhenAll(caseIds.Select(caseId => list.ObserveCaseAsync(new UserCaseUpdate(caseId, 3, null, [Consent(caseId, "Bekreft samtykket")]))));

        await Eventually.ValueAsync(async () => (await list.GetAsync()).Items.Length == caseIds.Count ? "all" : null, 60_000);
        var type = ((GrainReference)(object)list).GrainId.Type;
        var key = ((GrainReference)(object)list).GrainId.Key.ToString();
        await Eventually.ValueAsync(async () => (await Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type)).Any(g => g.Key.ToString() == key) ? null : "gone", 60_000);
        Assert.Equal(caseIds.Order(StringComparer.Ordinal), (await list.GetAsync()).Items.Select(i => i.CaseId).Order(StringComparer.Ordinal));
    }

    private static WorkItem Consent(string caseId, string detail) =>
        new($"{caseId}:consent", WorkItemKind.ConsentToConfirm, caseId, "Ola Nordmann", null, null, null, false, DateTimeOffset.UnixEpoch, null, null, null, "confirm", detail);

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task AListThatMissedACaseUpdate_Heals_WhenTheCaseEvaluatesTime()
    {
        var w = await World.CreateAsync(Grains);
        var caseId = await w.OpenAsync("Ola Nordmann");
        var c = Grains.Case(caseId);
        await World.MustAsync(c, w.Officer, new IdentifyNeed("housing", w.Officer.UserId, null, null));
        var offer = await World.MustAsync(c, w.Officer, new OfferHandover("housing", w.Municipality, w.Caseworker.UserId, World.Today.AddDays(10), null));
        var handoverId = ((HandoverOffered)offer.Events.Single().Event).HandoverId;
        await HasAsync(w.Caseworker, i => i.RefId == handoverId);
        var stale = await StoredAsync(w.Caseworker.UserId);

        // The withdrawal reaches the list, but the list then loses it: its stored state goes back to before.
        await World.MustAsync(c, w.Officer, new WithdrawHandover(handoverId, "Feil mottaker"));
        await HasNotAsync(w.Caseworker, i => i.RefId == handoverId);
        await fixture.Cluster.DeactivateAsync(Grains.WorkList(w.Caseworker.UserId));
        await RestoreAsync(w.Caseworker.UserId, stale);
        Assert.Contains((await Grains.WorkList(w.Caseworker.UserId).GetAsync()).Items, i => i.RefId == handoverId);

        // The daily sweep (or the case's reminder) evaluates time: the case tells everyone it ever concerned again.
        await c.EvaluateTimeAsync();

        await HasNotAsync(w.Caseworker, i => i.RefId == handoverId);
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task AListThatMissedAUnitUpdate_SeesTheGap_AndAsksTheUnitForEverything()
    {
        var w = await World.CreateAsync(Grains);
        var first = await w.OpenAsync("Anne");
        var second = await w.OpenAsync("Bodil");
        var third = await w.OpenAsync("Cato");
        async Task<string> OfferAsync(string caseId)
        {
            var c = Grains.Case(caseId);
            await World.MustAsync(c, w.Officer, new IdentifyNeed("housing", w.Officer.UserId, null, null));
            var offer = await World.MustAsync(c, w.Officer, new OfferHandover("housing", w.Municipality, null, World.Today.AddDays(10), null));
            return ((HandoverOffered)offer.Events.Single().Event).HandoverId;
        }

        var a = await OfferAsync(first);
        await HasAsync(w.Caseworker, i => i.RefId == a);
        var stale = await StoredAsync(w.Caseworker.UserId);
        var b = await OfferAsync(second);
        await HasAsync(w.Caseworker, i => i.RefId == b);

        // The list forgets the unit's update about the second case; the unit's next update shows the gap.
        await fixture.Cluster.DeactivateAsync(Grains.WorkList(w.Caseworker.UserId));
        await RestoreAsync(w.Caseworker.UserId, stale);
        Assert.DoesNotContain((await Grains.WorkList(w.Caseworker.UserId).GetAsync()).Items, i => i.RefId == b);
        var c3 = await OfferAsync(third);

        var healed = await HasAsync(w.Caseworker, i => i.RefId == b);
        Assert.Equal(new[] { a, b, c3 }.Order(StringComparer.Ordinal), healed.Items.Where(i => i.Kind == WorkItemKind.HandoverOffered).Select(i => i.RefId).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Ids(IEnumerable<WorkItem> items) => items.Select(i => i.ItemId).Order(StringComparer.Ordinal);

    private Task<WorkList> HasAsync(ActorRef user, Func<WorkItem, bool> item) =>
        Eventually.ValueAsync(async () => await Grains.WorkList(user.UserId).GetAsync() is var l && l.Items.Any(item) ? l : null);

    private Task<WorkList> HasNotAsync(ActorRef user, Func<WorkItem, bool> item) =>
        Eventually.ValueAsync(async () => await Grains.WorkList(user.UserId).GetAsync() is var l && !l.Items.Any(item) ? l : null);

    /// <summary>The list's stored state, as the grain storage holds it once the list is deactivated (which stores it).</summary>
    private async Task<byte[]> StoredAsync(string userId)
    {
        await fixture.Cluster.DeactivateAsync(Grains.WorkList(userId));
        await using var cmd = fixture.DataSource.CreateCommand("SELECT payloadbinary FROM orleansstorage WHERE graintypestring = 'worklist' AND grainidextensionstring = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        var rows = new List<byte[]>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((byte[])reader[0]);
        }

        return Assert.Single(rows);
    }

    /// <summary>Put an earlier stored state back, as if the list had never heard what came after it.</summary>
    private async Task RestoreAsync(string userId, byte[] payload)
    {
        await using var cmd = fixture.DataSource.CreateCommand("UPDATE orleansstorage SET payloadbinary = $2 WHERE graintypestring = 'worklist' AND grainidextensionstring = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    /// <summary>A prison with two officers and a leader, a municipality with two caseworkers and a leader, and persons; fresh ids.</summary>
    private sealed class World
    {
        private World(IGrainFactory grains)
        {
            Grains = grains;
            Suffix = Guid.NewGuid().ToString("N")[..8];
        }

        public static DateOnly Today => Domain.CommandContext.NorwegianDate(DateTimeOffset.UtcNow);

        public IGrainFactory Grains { get; }

        public string Suffix { get; }

        public string Prison => $"wl-prison-{Suffix}";

        public string Municipality => $"wl-kommune-{Suffix}";

        public ActorRef Officer => new($"wl-kari-{Suffix}", "Kari Nilsen");

        public ActorRef Colleague => new($"wl-per-{Suffix}", "Per Hansen");

        public ActorRef PrisonLeader => new($"wl-lise-{Suffix}", "Lise Leder");

        public ActorRef Caseworker => new($"wl-ingrid-{Suffix}", "Ingrid Dahl");

        public ActorRef Caseworker2 => new($"wl-sofie-{Suffix}", "Sofie Strand");

        public ActorRef MunicipalityLeader => new($"wl-arne-{Suffix}", "Arne Vik");

        public ActorRef Person(int i) => new($"wl-person{i}-{Suffix}", $"Person {i}");

        public IEnumerable<ActorRef> Everyone =>
            [Officer, Colleague, PrisonLeader, Caseworker, Caseworker2, MunicipalityLeader, .. Enumerable.Range(0, 4).Select(Person)];

        private ImmutableDictionary<string, (ImmutableArray<ActorRef> Staff, ImmutableArray<ActorRef> Leaders)> Units =>
            ImmutableDictionary<string, (ImmutableArray<ActorRef>, ImmutableArray<ActorRef>)>.Empty
                .Add(Prison, ([Officer, Colleague, PrisonLeader], [PrisonLeader]))
                .Add(Municipality, ([Caseworker, Caseworker2, MunicipalityLeader], [MunicipalityLeader]));

        public static async Task<World> CreateAsync(IGrainFactory grains)
        {
            var w = new World(grains);
            foreach (var (unitId, (staff, leaders)) in w.Units)
            {
                var unit = grains.Unit(unitId);
                Assert.Null(await unit.DefineAsync($"Unit {unitId}", unitId == w.Prison ? Agency.Prison : Agency.Municipality, "Bergen"));
                foreach (var s in staff)
                {
                    Assert.Null(await unit.SetStaffAsync(new UnitStaff(s.UserId, s.DisplayName, leaders.Contains(s))));
                }
            }

            return w;
        }

        public async Task<string> OpenAsync(string name, int intakeDaysAgo = 0)
        {
            var caseId = $"wl-case-{Guid.NewGuid():N}"[..24];
            var release = Today.AddDays(42);
            await MustAsync(Grains.Case(caseId), Officer, new OpenCase(
                new PersonRef($"P-{caseId}", name), CasePhase.Serving, Prison, new HomeMunicipality(Municipality),
                new KeyDates(Today.AddDays(-intakeDaysAgo), release, release, release.AddDays(120), release.AddDays(120)), MemberRole.Kontaktbetjent));
            return caseId;
        }

        public static async Task<CommandResult> MustAsync(ICaseGrain c, ActorRef actor, CaseCommand command)
        {
            var result = await c.ExecuteAsync(command, actor);
            Assert.True(result.Succeeded, $"{command.GetType().Name} was refused: {result.Error?.Code} {result.Error?.Detail}");
            return result;
        }

        /// <summary>What the cases need of <paramref name="userId"/>, derived afresh from their event logs, with this world's staff for the units.</summary>
        public async Task<ImmutableArray<WorkItem>> DerivedAsync(ICaseEventStore log, IEnumerable<string> caseIds, string userId)
        {
            var names = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
            foreach (var unitId in Units.Keys)
            {
                names[unitId] = (await Grains.Unit(unitId).GetInfoAsync())!;
            }

            var items = new List<WorkItem>();
            foreach (var caseId in caseIds)
            {
                var state = CaseEvolver.Replay(await log.ReadAsync(caseId, 0, 1000))!;
                foreach (var a in WorkRules.Derive(state, Today, DeadlineRuleSet.Default, NeedAreaCatalogue.Default, WorkSettings.Default, id => names.GetValueOrDefault(id)))
                {
                    var reaches = a.Audience switch
                    {
                        WorkAudience.User => a.AddresseeId == userId,
                        WorkAudience.UnitStaff => Units.TryGetValue(a.AddresseeId, out var u) && u.Staff.Any(s => s.UserId == userId),
                        _ => Units.TryGetValue(a.AddresseeId, out var l) && l.Leaders.Any(s => s.UserId == userId),
                    };
                    if (reaches && items.All(i => i.ItemId != a.Item.ItemId))
                    {
                        items.Add(a.Item);
                    }
                }
            }

            return [.. items];
        }
    }
}
