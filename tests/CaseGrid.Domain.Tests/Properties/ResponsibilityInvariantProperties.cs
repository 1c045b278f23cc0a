using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit;
using Xunit.Abstractions;

namespace CaseGrid.Domain.Tests.Properties;

/// <summary>
/// The core invariant of domain §6, checked after every step of random command sequences: no identified need area
/// and no case is ever without an accountable owner who is a current agency member, and nothing else breaks the
/// handover and membership rules <see cref="CaseInvariants"/> states. Each sequence is a list of seeds; each seed is
/// read against the case as it then stands (<see cref="CommandInterpreter"/>), so shrinking drops steps.
/// </summary>
public sealed class ResponsibilityInvariantProperties(ITestOutputHelper output)
{
    // Meeting and time commands take about a quarter of the steps; 900 sequences keep the handover paths as covered as before them.
    private const int Runs = 900;
    private const int MaxSteps = 80;

    /// <summary>Commands that may be accepted with no event, because they ask for what already is.</summary>
    private static readonly ImmutableHashSet<Type> IdempotentCommands =
        [
            typeof(SetKeyDates), typeof(MoveCase), typeof(SetHomeMunicipality), typeof(SetDeputy), typeof(UpdateNeedArea), typeof(UpdateGoal),
            typeof(RecordAttendance), typeof(EditMinutes), typeof(AcknowledgeKeyDates), typeof(UpdateFirstDaysItem), typeof(EvaluateTime), typeof(RecordApology),
        ];

    /// <summary>
    /// The sequences the coverage is counted on and the broken deciders are caught with: always the same ones, so that
    /// what they reach is a fact of the rules, not of a draw (the rarest paths are reached a few times in 900 random
    /// sequences, and a draw that missed one failed the run). New sequences every run are checked by the test below.
    /// </summary>
    private static readonly Config Pinned = Config.QuickThrowOnFailure.WithMaxTest(Runs)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20_261_207UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));

    [Fact]
    public void ResponsibilityInvariant_HoldsAfterEveryStep_OfRandomCommandSequences()
    {
        var stats = new SequenceStats();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs), Prop.ForAll(Seeds(), seeds => RunSequence(seeds, stats, decide: null)));

        output.WriteLine(stats.Report());
        Assert.Equal(Runs, stats.Sequences);
    }

    [Fact]
    public void ThePinnedSequences_HoldTheInvariant_AndReachEveryPathItGuards()
    {
        var stats = new SequenceStats();

        Check.One(Pinned, Prop.ForAll(Seeds(), seeds => RunSequence(seeds, stats, decide: null)));

        output.WriteLine(stats.Report());
        Assert.Equal(Runs, stats.Sequences);
        Assert.True(stats.AcceptedShare > 0.35, $"Only {stats.AcceptedShare:P0} of the commands were accepted.\n{stats.Report()}");
        AssertReached(stats.Accepted(nameof(AcceptHandover)), 200, "accepted handovers", stats);
        AssertReached(stats.Events(nameof(OverlapEstablished)), 100, "overlaps established", stats);
        AssertReached(stats.Events("HandoverCompleted (need area)"), 8, "completed need-area handovers", stats);
        AssertReached(stats.Events("HandoverCompleted (coordinator)"), 30, "completed coordinator handovers", stats);
        AssertReached(stats.Accepted(nameof(DeclineHandover)), 40, "declined handovers", stats);
        AssertReached(stats.Accepted(nameof(WithdrawHandover)), 50, "withdrawn handovers", stats);
        AssertReached(stats.Accepted(nameof(OverrideResponsibility)), 100, "overrides", stats);
        AssertReached(stats.Events(nameof(HandoverWithdrawn)) - stats.Accepted(nameof(WithdrawHandover)), 25, "handovers cancelled by an override", stats);
        AssertReached(stats.Accepted(nameof(EndMembership)), 70, "memberships ended", stats);
        AssertReached(stats.Events("EndMembership lapsing supporting or deputy roles"), 1, "memberships ended with roles lapsing", stats);
        AssertReached(stats.Refused($"{nameof(EndMembership)} member.holds-responsibility"), 150, "owners refused leave", stats);
        AssertReached(stats.Refused($"{nameof(CompleteHandover)} handover.before-planned-date"), 1, "completions before the planned date", stats);
        AssertReached(stats.Refused($"{nameof(CompleteHandover)} handover.no-overlap"), 100, "completions without overlap", stats);
        AssertReached(stats.Refused($"{nameof(CompleteHandover)} handover.not-accepted"), 10, "completions before acceptance", stats);
        AssertReached(stats.Events(nameof(NeedIdentified)), 500, "needs identified", stats);
        AssertReached(stats.Events(nameof(MeasureStatusChanged)), 200, "measure status changes", stats);
        AssertReached(stats.Events(nameof(MeetingClosed)), 40, "meetings closed", stats);
        AssertReached(stats.Events("OverlapEstablished by a meeting closing"), 1, "overlaps established by a meeting closing", stats);
        AssertReached(stats.Events(nameof(DecisionRecorded)), 25, "decisions recorded", stats);
        AssertReached(stats.Refused($"{nameof(OpenMeeting)} meeting.another-open"), 1, "meetings refused while another is open", stats);
        AssertReached(stats.Events(nameof(DeadlineMissed)), 300, "deadlines recorded missed", stats);
        AssertReached(stats.Events(nameof(HandoverPlannedDatePassed)), 20, "handovers past their planned date", stats);
        AssertReached(stats.Events(nameof(OwnerInactive)), 20, "inactive owners", stats);
        AssertReached(stats.Events(nameof(ReleaseMovedEarlier)), 50, "releases moved earlier", stats);
        AssertReached(stats.Events(nameof(CommitmentReopened)), 10, "commitments re-opened", stats);
        AssertReached(stats.Events(nameof(FirstDaysListCreated)), 10, "releases through the gate", stats);
        AssertReached(stats.Refused($"{nameof(ChangePhase)} {ReleaseGate.Code}"), 30, "releases refused by the gate", stats);
        AssertReached(stats.Refused($"{nameof(EvaluateTime)} time.system-only"), 10, "ticks refused to users", stats);
        AssertReached(stats.Events("PhaseChanged (out to Community)"), 10, "releases into the community (parole, electronic monitoring, serving)", stats);
        AssertReached(stats.Events("PhaseChanged (out to Released)"), 3, "full-time releases from prison", stats);
        AssertReached(stats.Events("HandoverCompleted by a release"), 1, "handovers completed as the person walked out", stats);
        AssertReached(stats.Events("ResponsibilityOrphaned (StaffRemoved)"), 20, "owners flagged for leaving their unit's staff", stats);
        AssertReached(stats.Events("ResponsibilityOrphaned (CaseMovedAway)"), 20, "owners flagged for a unit the case left", stats);
        AssertReached(stats.Events("ResponsibilityOrphaned (PersonLeftPrison)"), 20, "prison owners flagged after release", stats);
        AssertReached(stats.Events(nameof(OrphanResolved)), 20, "orphan flags cleared", stats);
        AssertReached(stats.Events("staff notices lost, healed by a later evaluation"), 1, "lost staff notices healed", stats);
        AssertReached(stats.Refused($"{nameof(CloseMeeting)} meeting.next-not-booked"), 1, "meetings refused to close without the next booked", stats);
        AssertReached(stats.Refused($"{nameof(ChangeMeasureStatus)} measure.before-needs-conversation"), 1, "measures refused to start before the needs conversation", stats);
        AssertReached(stats.Refused($"{nameof(SendMeetingInvitation)} meeting.deliverers-not-invited") + stats.Refused($"{nameof(ScheduleMeeting)} meeting.deliverers-not-invited"), 1, "invitations refused for leaving out someone delivering a measure", stats);
        AssertReached(stats.Events(nameof(ProposalAnswerMissed)), 10, "proposals not answered in time", stats);
        AssertReached(stats.Events(nameof(MinutesApproved)), 1, "minutes approved and sent", stats);
        AssertReached(stats.Events(nameof(ApplicationStepRecorded)), 20, "application steps", stats);
    }

    [Fact]
    public void Property_CatchesADeciderThatLetsAnOwnerLeaveTheGroup()
    {
        static Decision LetsOwnersLeave(CaseState? s, CaseCommand c, CommandContext ctx)
        {
            var real = CaseDecider.Decide(s, c, ctx, CaseScenario.CaseId, NeedAreaCatalogue.Default);
            return c is EndMembership e && real.Error?.Code == "member.holds-responsibility"
                ? Decision.Accept(new MembershipEnded(e.UserId, e.Until ?? ctx.Today))
                : real;
        }

        var failure = Falsified(LetsOwnersLeave);
        Assert.Contains("Falsifiable", failure.Message, StringComparison.Ordinal);
        // Caught as a need area, the coordinator role or an open measure held by someone no longer in the group.
        Assert.Matches("is not a (current agency )?member", failure.Message);
    }

    [Fact]
    public void Property_CatchesADeciderWhoseOverrideLeavesTheOpenHandoverOpen()
    {
        static Decision KeepsHandoverOpen(CaseState? s, CaseCommand c, CommandContext ctx)
        {
            var real = CaseDecider.Decide(s, c, ctx, CaseScenario.CaseId, NeedAreaCatalogue.Default);
            return c is OverrideResponsibility && !real.IsRefused
                ? Decision.Accept(real.Events.Where(e => e is not HandoverWithdrawn))
                : real;
        }

        var failure = Falsified(KeepsHandoverOpen);
        Assert.Contains("who does not own", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_CatchesADeciderThatLeavesAnOrphanUnflagged()
    {
        static Decision ForgetsOrphans(CaseState? s, CaseCommand c, CommandContext ctx)
        {
            var real = CaseDecider.Decide(s, c, ctx, CaseScenario.CaseId, NeedAreaCatalogue.Default);
            return real.IsRefused ? real : Decision.Accept(real.Events.Where(e => e is not (ResponsibilityOrphaned or OrphanResolved)));
        }

        var failure = Falsified(ForgetsOrphans);
        Assert.Contains("without a flag", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The property run with a broken decider: it must be falsified; the failure is written out and returned.</summary>
    private Exception Falsified(Func<CaseState?, CaseCommand, CommandContext, Decision> broken)
    {
        var failure = Assert.ThrowsAny<Exception>(() =>
            Check.One(Pinned, Prop.ForAll(Seeds(), seeds => RunSequence(seeds, new SequenceStats(), broken))));
        output.WriteLine(failure.Message);
        return failure;
    }

    /// <summary>Sequences of 1 to <see cref="MaxSteps"/> seeds; shrinking drops steps.</summary>
    private static Arbitrary<int[]> Seeds() =>
        Arb.From(
            Gen.Choose(1, MaxSteps).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 1_000_000_000), length)),
            Shorter);

    private static IEnumerable<int[]> Shorter(int[] seeds)
    {
        if (seeds.Length <= 1)
        {
            yield break;
        }

        yield return seeds[..(seeds.Length / 2)];
        for (var i = seeds.Length - 1; i >= 0; i--)
        {
            yield return [.. seeds[..i], .. seeds[(i + 1)..]];
        }
    }

    /// <summary>Open the standard case and play the seeds, checking every rule about steps after each one.</summary>
    private static void RunSequence(int[] seeds, SequenceStats stats, Func<CaseState?, CaseCommand, CommandContext, Decision>? decide)
    {
        stats.SequenceStarted();
        var scenario = new CaseScenario(decide: decide);
        var trace = new List<string>();
        scenario.Accepts(Cast.Kontaktbetjent, CaseScenario.StandardOpen());
        scenario.Accepts(Cast.Kontaktbetjent, new AddMember(Cast.Person, "Lars", MemberRole.Person, Agency.Person, null, null));
        CheckInvariants(scenario, trace);

        var noticeLost = false;
        foreach (var seed in seeds)
        {
            var step = CommandInterpreter.Next(seed, scenario.Case, scenario.Today, scenario.Units);
            scenario.AdvanceDays(step.AdvanceDays);
            CheckInvariants(scenario, trace);
            if (step.Staff is { } change)
            {
                // A unit's staff changes; the unit's notice reaches the case (the clock evaluates it), or is lost.
                scenario.ChangeStaff(change.Removed ? scenario.Units.WithStaffRemoved(change.UserId) : scenario.Units.WithStaffRestored(change.UserId));
                trace.Add($"{scenario.Today:yyyy-MM-dd} staff: {change}" + (step.Command is null ? " (notice lost)" : ""));
                stats.StaffChanged(change.Removed, notified: step.Command is not null);
                noticeLost |= step.Command is null;
                if (step.Command is null)
                {
                    continue;
                }
            }

            var command = step.Command!;
            var before = scenario.Case;
            var logLength = scenario.Log.Count;
            var decision = scenario.Execute(step.ActorId, command);
            stats.Record(before, command, decision);
            trace.Add($"{scenario.Today:yyyy-MM-dd} {step.ActorId}: {command} => "
                + (decision.IsRefused ? $"refused {decision.Error!.Code}" : $"[{string.Join(", ", decision.Events)}]"));
            if (command is EvaluateTime && !decision.IsRefused)
            {
                if (noticeLost && decision.Events.Any(e => e is StaffingChanged))
                {
                    stats.Healed();
                }

                noticeLost = false;

                // Having asked the units, the case knows who left: every owner who no longer works at their unit is flagged.
                CheckStaffingKnown(scenario, trace);
            }

            if (decision.IsRefused)
            {
                Require(decision.Events.IsEmpty, "A refused command produced events.", trace);
                Require(ReferenceEquals(before, scenario.Case) && logLength == scenario.Log.Count, "A refused command changed the case.", trace);
            }
            else
            {
                Require(!decision.Events.IsEmpty || IdempotentCommands.Contains(command.GetType()), "An accepted command produced no event.", trace);
                Require(scenario.Case.Version == before.Version + decision.Events.Length, "The version did not count the events.", trace);
            }

            // Time raises each alert once: evaluating again at the same moment finds nothing new.
            if (command is EvaluateTime && !decision.IsRefused)
            {
                var again = scenario.Execute(TimeRules.SystemActorId, new EvaluateTime());
                Require(!again.IsRefused && again.Events.IsEmpty, $"A second evaluation of time at the same moment produced [{string.Join(", ", again.Events)}].", trace);
            }

            CheckInvariants(scenario, trace);
        }

        Require(
            StateJson.Canonical(CaseEvolver.Replay(scenario.Log)) == StateJson.Canonical(scenario.Case),
            "Replaying the log did not give back the state built step by step.",
            trace);
    }

    private static void CheckInvariants(CaseScenario scenario, List<string> trace)
    {
        var s = scenario.Case;
        var today = scenario.Today;
        var violations = CaseInvariants.Violations(s, today).ToList();
        Require(violations.Count == 0, $"On {today:yyyy-MM-dd}: {string.Join(" ", violations)}", trace);

        // The invariant in its plainest words, independent of how CaseInvariants puts it.
        Require(s.IsActiveMember(s.CoordinatorId, today), $"The coordinator '{s.CoordinatorId}' is not an active member on {today:yyyy-MM-dd}.", trace);
        foreach (var need in s.NeedAreas.Values.Where(n => n.Status != NeedStatus.NotAssessed))
        {
            Require(need.AccountableOwnerId is not null, $"Need area '{need.Code}' is {need.Status} without an accountable owner.", trace);
            Require(s.IsActiveMember(need.AccountableOwnerId!, today), $"Need area '{need.Code}' is owned by '{need.AccountableOwnerId}', not an active member on {today:yyyy-MM-dd}.", trace);
        }

        // The coordinator leaves the prison with the person: after any release, never a prison member unless excepted.
        if (s.IsOutOfPrison && !s.ReleaseExceptions.Any(x => x.Code == ReleaseGate.CoordinatorCode))
        {
            var coordinator = s.Members[s.CoordinatorId];
            Require(coordinator.Agency != Agency.Prison, $"The person is out ({s.Phase}) but the coordinator '{s.CoordinatorId}' is prison staff.", trace);
            Require(s.Phase == CasePhase.Community || coordinator.Agency != Agency.Friomsorg, $"Supervision is over ({s.Phase}) but the coordinator '{s.CoordinatorId}' is friomsorg.", trace);
        }

        // No owner who can no longer act — whose unit the case has left, or the prison the person has left — without a flag.
        foreach (var (owner, subjects) in TimeRules.AccountableOwners(s))
        {
            var unit = s.Members[owner].UnitId;
            var cannotAct = unit is not null && (s.FormerUnitIds.Contains(unit) || (s.Members[owner].Agency == Agency.Prison && s.IsOutOfPrison));
            Require(!cannotAct || subjects.All(subject => s.Orphans.GetValueOrDefault(subject)?.OwnerId == owner), $"'{owner}' cannot act for '{unit}' but owns [{string.Join(", ", subjects)}] without a flag.", trace);
        }

        // Members are recorded at the unit they work at (or worked at, when they have since left its staff): unit leaders'
        // authority over them is read from it.
        foreach (var m in s.Members.Values.Where(m => m.UnitId is not null && !scenario.Units.Removed.ContainsKey(m.UserId)))
        {
            var worksAt = scenario.Units.UnitOf(m.UserId);
            Require(worksAt is not null && worksAt.UnitId == m.UnitId && worksAt.Agency == m.Agency, $"'{m.UserId}' is a member for {m.Agency} unit '{m.UnitId}' but works at '{worksAt?.UnitId}'.", trace);
        }
    }

    /// <summary>Right after the case asked the units: no owner who is not staff of the unit they are a member for goes unflagged.</summary>
    private static void CheckStaffingKnown(CaseScenario scenario, List<string> trace)
    {
        var s = scenario.Case;
        foreach (var (owner, subjects) in TimeRules.AccountableOwners(s))
        {
            if (s.Members[owner].UnitId is { } unit && !scenario.Units.Resolve(owner, unit).IsStaff)
            {
                Require(subjects.All(subject => s.Orphans.GetValueOrDefault(subject)?.OwnerId == owner),
                    $"'{owner}' no longer works at '{unit}' but owns [{string.Join(", ", subjects)}] without a flag, after the case asked the units.", trace);
            }
        }
    }

    private static void Require(bool condition, string message, List<string> trace)
    {
        if (!condition)
        {
            Assert.Fail($"{message}\nSteps ({trace.Count}):\n{string.Join("\n", trace.TakeLast(25))}");
        }
    }

    private static void AssertReached(int count, int atLeast, string what, SequenceStats stats) =>
        Assert.True(count >= atLeast, $"The sequences reached only {count} {what} (want at least {atLeast}).\n{stats.Report()}");
}
