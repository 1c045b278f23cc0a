using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Serialization;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>The event log is the truth: the state is its fold, at any version, and every accepted change is in it.</summary>
public sealed class EventLogTests
{
    /// <summary>A case that goes through most of what a case can: members, needs, measures, proposals, handovers, an override.</summary>
    private static CaseScenario RichScenario()
    {
        var s = CaseScenario.Opened();
        s.Join(Cast.Kontaktbetjent2);
        s.Join(Cast.NavAdvisor);
        s.Identify("housing", Cast.Kontaktbetjent2);
        s.Identify("income-debt", Cast.NavAdvisor);
        s.Accepts(Cast.NavAdvisor, new AddSupportingOwner("housing", Cast.NavAdvisor));
        s.Accepts(Cast.NavAdvisor, new AddMeasure(["income-debt", "housing"], "Deposit guarantee", null, Cast.NavAdvisor, null, null));
        s.Accepts(Cast.Person, new SubmitProposal("work", "Welding course"));
        s.Accepts(Cast.Kontaktbetjent, new AnswerProposal(s.Case.Proposals.Keys.Single(), true, "Yes", Cast.Kontaktbetjent2, null));
        s.Accepts(Cast.Kontaktbetjent, new AddGoal("work", "Certificate by autumn"));
        s.AdvanceDays(1);
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, s.Today.AddDays(3), "Needs a flat"));
        s.Accepts(Cast.Caseworker, new AcceptHandover(s.LastHandoverId));
        s.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, null, s.Today.AddDays(3), null));
        s.Accepts(Cast.FriomsorgOfficer, new DeclineHandover(s.LastHandoverId, "Not before the parole decision"));
        s.AdvanceDays(2);
        s.Accepts(Cast.Kontaktbetjent, new RecordEncounter(EncounterKind.GroupMeeting, s.Today, [new(Cast.Caseworker, Attendance.Digital), new(Cast.Kontaktbetjent, Attendance.Physical)], "Release planning"));
        s.Accepts(Cast.Person, new RecordAgreement(s.Case.Version, AgreementAnswer.Agree, "Good plan"));
        s.AdvanceDays(1);
        s.Accepts(Cast.Caseworker, new CompleteHandover(s.Case.Handovers.Values.Single(h => h.Subject == "housing").HandoverId));
        s.Accepts(Cast.PrisonLeader, new OverrideResponsibility(Responsibility.Coordinator, Cast.Kontaktbetjent2, "Anna moved to another prison"));
        s.Accepts(Cast.Kontaktbetjent2, new EndMembership(Cast.Kontaktbetjent, null));
        s.Accepts(Cast.Kontaktbetjent2, new SetKeyDates(s.Case.Dates with { ExpectedRelease = s.Case.Dates.EndOfSentence }, s.Case.DatesVersion));
        s.ExceptAllCriticalAreas();
        s.Accepts(Cast.Kontaktbetjent2, new ChangePhase(CasePhase.Community, ReleaseForm.Parole));
        return s;
    }

    [Fact]
    public void EveryEvent_IsNumberedFromOneWithoutGaps_AndCarriesItsActorAndTime()
    {
        var scenario = RichScenario();

        Assert.Equal(Enumerable.Range(1, scenario.Log.Count).Select(i => (long)i), scenario.Log.Select(r => r.Version));
        Assert.Equal(scenario.Case.Version, scenario.Log[^1].Version);
        Assert.All(scenario.Log, r => Assert.Equal(CaseScenario.CaseId, r.CaseId));
        Assert.Contains(scenario.Log, r => r.ActorId == Cast.PrisonLeader && r.Event is ResponsibilityOverridden);
        Assert.Contains(scenario.Log, r => r.Event is HandoverCompleted && r.OccurredAt == scenario.Now);
    }

    [Fact]
    public void Replay_OfTheLog_GivesTheStateBuiltStepByStep()
    {
        var scenario = RichScenario();

        var replayed = CaseEvolver.Replay(scenario.Log);

        Assert.NotNull(replayed);
        Assert.Equal(StateJson.Canonical(scenario.Case), StateJson.Canonical(replayed));
        Assert.Equal(scenario.Case.Version, replayed.Version);
        Assert.Equal(scenario.Case.CoordinatorId, replayed.CoordinatorId);
    }

    [Fact]
    public void Replay_OfAPrefix_ReadsTheCaseBackAsItWasAtThatVersion()
    {
        var scenario = RichScenario();

        foreach (var version in new long[] { 1, 2, 5, scenario.Log.Count / 2, scenario.Log.Count - 1 })
        {
            var earlier = CaseEvolver.Replay(scenario.Log.Take((int)version));

            Assert.NotNull(earlier);
            Assert.Equal(version, earlier.Version);
            Assert.Equal(StateJson.Canonical(scenario.StateAt(version)), StateJson.Canonical(earlier));
        }

        var beforeOverride = scenario.Log.First(r => r.Event is ResponsibilityOverridden).Version - 1;
        Assert.Equal(Cast.Kontaktbetjent, CaseEvolver.Replay(scenario.Log.Take((int)beforeOverride))!.CoordinatorId);
        Assert.Equal(Cast.Kontaktbetjent2, scenario.Case.CoordinatorId);
    }

    [Fact]
    public void Replay_ContinuingFromASnapshot_GivesTheSameState()
    {
        var scenario = RichScenario();
        var middle = scenario.Log.Count / 2;

        var resumed = CaseEvolver.Replay(scenario.Log.Skip(middle), scenario.StateAt(middle));

        Assert.Equal(StateJson.Canonical(scenario.Case), StateJson.Canonical(resumed));
    }

    [Fact]
    public void NeedAreasAsOpened_AreSharedByEveryCase_AndAStateReadBack_SharesThemAgain_AsTheSameState()
    {
        var rich = RichScenario();
        var fresh = CaseScenario.Opened();
        var untouched = fresh.Case.NeedAreas.Keys.Where(code => rich.Case.NeedAreas[code].Version == 1).ToList();
        Assert.NotEmpty(untouched);
        Assert.All(untouched, code => Assert.Same(fresh.Case.NeedAreas[code], rich.Case.NeedAreas[code]));

        // As a snapshot reads it back: every area a new object.
        var readBack = rich.Case with { NeedAreas = rich.Case.NeedAreas.ToImmutableDictionary(a => a.Key, a => a.Value with { }) };
        var shared = CaseEvolver.ShareOpeningAreas(readBack);

        Assert.Equal(StateJson.Canonical(rich.Case), StateJson.Canonical(shared));
        foreach (var (code, area) in shared.NeedAreas)
        {
            Assert.Same(untouched.Contains(code) ? fresh.Case.NeedAreas[code] : readBack.NeedAreas[code], area);
        }

        Assert.Same(fresh.Case.NeedAreas, CaseEvolver.ShareOpeningAreas(fresh.Case with { NeedAreas = fresh.Case.NeedAreas.ToImmutableDictionary(a => a.Key, a => a.Value with { }) }).NeedAreas);
    }

    [Fact]
    public void Log_SurvivesAJsonRoundTrip_AndReplaysToTheSameState()
    {
        var scenario = RichScenario();

        var json = StateJson.Serialize(scenario.Log.ToList());
        var read = StateJson.Deserialize<List<CaseEventRecord>>(json);

        Assert.NotNull(read);
        Assert.Equal(scenario.Log, read, (a, b) => StateJson.Serialize(a) == StateJson.Serialize(b));
        Assert.Equal(StateJson.Canonical(scenario.Case), StateJson.Canonical(CaseEvolver.Replay(read)));
    }

    [Fact]
    public void EveryEventType_HasAStoredDiscriminator()
    {
        var declared = typeof(CaseEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
        var concrete = typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract);

        Assert.All(concrete, t => Assert.Contains(t, declared));
    }

    [Fact]
    public void AcceptedCommands_ProduceEvents_AndRefusedOnesNone()
    {
        var scenario = CaseScenario.Opened();
        var before = scenario.Log.Count;

        var accepted = scenario.Execute(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Kontaktbetjent, null, null));
        var refused = scenario.Execute(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Kontaktbetjent, null, null));

        Assert.False(accepted.IsRefused);
        Assert.NotEmpty(accepted.Events);
        Assert.True(refused.IsRefused);
        Assert.Empty(refused.Events);
        Assert.Equal(before + accepted.Events.Length, scenario.Log.Count);
        Assert.Equal(NeedStatus.NeedIdentified, scenario.Case.NeedAreas["housing"].Status);
    }
}
