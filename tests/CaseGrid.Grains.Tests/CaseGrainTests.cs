using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Units;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

[Collection(ClusterGroup.Name)]
public sealed class CaseGrainTests(ClusterFixture fixture)
{
    private readonly ICaseEventStore _log = fixture.Log;

    [Fact]
    public async Task AcceptedCommands_AreInTheEventLog_AndTheCaseIsRebuiltFromIt_AfterDeactivation()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        await s.MustAsync(s.Officer, new IdentifyNeed("housing", s.Officer.UserId, "Egen leilighet", "Ingen bolig"));
        await s.MustAsync(s.Officer, new AddGoal("housing", "Bolig klar ved løslatelse"));
        var before = (await s.Case.GetAsync(s.Officer, null)).State!;

        await fixture.Cluster.DeactivateAsync(s.Case);
        var after = (await s.Case.GetAsync(s.Officer, null)).State!;

        var logged = await _log.ReadAsync(s.CaseId, 0, 100);
        Assert.Equal([1, 2, 3], logged.Select(e => e.Version));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(s.Officer.UserId, after.NeedAreas["housing"].AccountableOwnerId);
        Assert.Equal("Bolig klar ved løslatelse", Assert.Single(after.Goals.Values).Text);
    }

    [Fact]
    public async Task CommandIdUsedForAnotherCommand_IsRefused_AndWritesNothing_AlsoAfterReactivation()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        var id = Guid.NewGuid().ToString("N");

        var first = await s.Case.ExecuteAsync(new AddGoal("housing", "Bolig klar ved løslatelse"), s.Officer, id);
        var reused = await s.Case.ExecuteAsync(new AddGoal("housing", "Noe annet"), s.Officer, id);
        await fixture.Cluster.DeactivateAsync(s.Case);
        var reusedAfterReactivation = await s.Case.ExecuteAsync(new AddGoal("income", "Noe annet"), s.Officer, id);
        var sameAfterReactivation = await s.Case.ExecuteAsync(new AddGoal("housing", "Bolig klar ved løslatelse"), s.Officer, id);

        Assert.Null(first.Error);
        Assert.Equal("idempotency.key-reused", reused.Error?.Code);
        Assert.Equal(ErrorKind.Unprocessable, reused.Error?.Kind);
        Assert.Equal("idempotency.key-reused", reusedAfterReactivation.Error?.Code);
        Assert.Null(sameAfterReactivation.Error);
        Assert.Equal(first.Version, sameAfterReactivation.Version);
        Assert.Equal(first.Version, (await _log.ReadAsync(s.CaseId, 0, 100)).Count);
    }

    [Fact]
    public async Task CommandSentAgainWithItsId_IsAppliedOnce_AndAnsweredWithWhatItWrote_AlsoAfterReactivation()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        var id = Guid.NewGuid().ToString("N");

        var first = await s.Case.ExecuteAsync(new AddGoal("housing", "Bolig klar ved løslatelse"), s.Officer, id);
        var again = await s.Case.ExecuteAsync(new AddGoal("housing", "Bolig klar ved løslatelse"), s.Officer, id);
        await fixture.Cluster.DeactivateAsync(s.Case);
        var afterReactivation = await s.Case.ExecuteAsync(new AddGoal("housing", "Bolig klar ved løslatelse"), s.Officer, id);
        var another = await s.Case.ExecuteAsync(new AddGoal("housing", "Bolig klar ved løslatelse"), s.Officer, Guid.NewGuid().ToString("N"));

        Assert.Null(first.Error);
        foreach (var repeat in new[] { again, afterReactivation })
        {
            Assert.Null(repeat.Error);
            Assert.Equal(first.Version, repeat.Version);
            Assert.Equal(first.Events.Select(e => (e.Version, e.Event)), repeat.Events.Select(e => (e.Version, e.Event)));
        }

        Assert.Equal(first.Version + 1, another.Version);
        var logged = await _log.ReadAsync(s.CaseId, 0, 100);
        Assert.Equal([1, 2, 3], logged.Select(e => e.Version));
        Assert.Equal(id, logged[1].CommandId);
        var span = await _log.FindCommandAsync(s.CaseId, s.Officer.UserId, s.Officer.ClientId, id);
        Assert.Equal((2, 2), (span?.First, span?.Last));
        Assert.False(string.IsNullOrEmpty(span?.Hash));
        Assert.Equal(span?.Hash, logged[1].CommandHash);
    }

    [Fact]
    public async Task CommandId_IsTheActorsOwn_AnotherActorsCommandWithTheSameIdIsApplied()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        await s.MustAsync(s.Officer, new AddMember(s.Caseworker.UserId, s.Caseworker.DisplayName, MemberRole.MunicipalCaseworker, Agency.Municipality, s.Municipality, null));
        var id = Guid.NewGuid().ToString("N");

        var kari = await s.Case.ExecuteAsync(new AddGoal("housing", "Kari sitt mål"), s.Officer, id);
        var ingrid = await s.Case.ExecuteAsync(new AddGoal("housing", "Ingrid sitt mål"), s.Caseworker, id);

        Assert.Null(kari.Error);
        Assert.Null(ingrid.Error);
        Assert.Equal(kari.Version + 1, ingrid.Version);
    }

    [Fact]
    public async Task RefusedCommand_WritesNothing()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();

        var refused = await s.Case.ExecuteAsync(new CompleteHandover("no-such-handover"), s.Officer);
        var stranger = await s.Case.ExecuteAsync(new AddGoal("housing", "Noe"), s.Stranger);

        Assert.Equal(ErrorKind.NotFound, refused.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, stranger.Error?.Kind);
        Assert.Single(await _log.ReadAsync(s.CaseId, 0, 100));
    }

    [Fact]
    public async Task Case_CanBeReadAsItStoodAtAnEarlierVersion()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        await s.MustAsync(s.Officer, new AddMember(s.Caseworker.UserId, s.Caseworker.DisplayName, MemberRole.MunicipalCaseworker, Agency.Municipality, s.Municipality, null));

        var v1 = (await s.Case.GetAsync(s.Officer, 1)).State!;
        var now = (await s.Case.GetAsync(s.Officer, null)).State!;

        Assert.Single(v1.Members);
        Assert.Equal(2, now.Members.Count);
        Assert.Equal(ErrorKind.NotFound, (await s.Case.GetAsync(s.Officer, 99)).Error?.Kind);
    }

    [Fact]
    public async Task NonMember_CannotReadTheCaseOrItsEvents()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();

        Assert.Equal(ErrorKind.Forbidden, (await s.Case.GetAsync(s.Stranger, null)).Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await s.Case.GetEventsAsync(s.Stranger, 0, 10)).Error?.Kind);
    }

    [Fact]
    public async Task UnitIndex_FollowsTheCase_FromCurrentToIncoming_AndSurvivesDeactivation()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        await s.MustAsync(s.Officer, new IdentifyNeed("housing", s.Officer.UserId, null, null));
        await s.MustAsync(s.Officer, new OfferHandover("housing", s.Municipality, null, Scenario.Today.AddDays(20), "Trenger bolig"));
        var prison = fixture.Client.GetGrain<IUnitGrain>(s.Prison);
        var municipality = fixture.Client.GetGrain<IUnitGrain>(s.Municipality);

        var incoming = await Eventually.ValueAsync(async () => (await municipality.GetCasesAsync()).FirstOrDefault(c => c.CaseId == s.CaseId && c.HandoversAwaitingUnit == 1));
        var current = await Eventually.ValueAsync(async () => (await prison.GetCasesAsync()).FirstOrDefault(c => c.CaseId == s.CaseId));
        await fixture.Cluster.DeactivateAsync(municipality);
        var reloaded = (await municipality.GetCasesAsync()).Single(c => c.CaseId == s.CaseId);

        Assert.Equal(UnitCaseRelation.Incoming, incoming.Relation);
        Assert.Equal(UnitCaseRelation.Current, current.Relation);
        Assert.Equal(1, reloaded.HandoversAwaitingUnit);
    }

    [Fact]
    public async Task Handover_ToAUnit_IsAcceptedByItsStaff_WhoJoinTheGroup_AndCompletesAfterOverlap()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        await s.MustAsync(s.Officer, new IdentifyNeed("housing", s.Officer.UserId, null, null));
        var offered = await s.MustAsync(s.Officer, new OfferHandover("housing", s.Municipality, null, Scenario.Today, null));
        var handoverId = ((HandoverOffered)offered.Events.Single().Event).HandoverId;

        var early = await s.Case.ExecuteAsync(new CompleteHandover(handoverId), s.Officer);
        await s.MustAsync(s.Caseworker, new AcceptHandover(handoverId));
        var noOverlap = await s.Case.ExecuteAsync(new CompleteHandover(handoverId), s.Officer);
        await s.MustAsync(s.Officer, new RecordEncounter(EncounterKind.GroupMeeting, Scenario.Today, [new Attendee(s.Officer.UserId, Attendance.Physical), new Attendee(s.Caseworker.UserId, Attendance.Digital)], null));
        await s.MustAsync(s.Caseworker, new CompleteHandover(handoverId));
        var state = (await s.Case.GetAsync(s.Caseworker, null)).State!;

        Assert.Equal("handover.not-accepted", early.Error?.Code);
        Assert.Equal("handover.no-overlap", noOverlap.Error?.Code);
        Assert.Equal(s.Caseworker.UserId, state.NeedAreas["housing"].AccountableOwnerId);
        Assert.Equal(HandoverStatus.Completed, state.Handovers[handoverId].Status);
        Assert.Equal(MemberRole.MunicipalCaseworker, state.Members[s.Caseworker.UserId].Role);
    }
}
