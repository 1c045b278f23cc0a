using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Time;
using CaseGrid.Contracts.Units;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Support;

/// <summary>
/// One case driven through the pure domain, as the case grain drives it but without Orleans: each command is
/// decided against the current state as a given actor at the scenario's clock, its events are wrapped in
/// numbered log records and folded in with <see cref="CaseEvolver.Apply"/>. Time only moves when a test moves it,
/// and ids come from a counter, so every run is the same.
/// </summary>
public sealed class CaseScenario
{
    public const string CaseId = "case-1";

    private readonly Func<CaseState?, CaseCommand, CommandContext, Decision> _decide;
    private readonly List<CaseEventRecord> _log = [];
    private readonly List<CaseState> _states = [];
    private int _lastId;

    /// <param name="units">What the units say; <see cref="UnitDirectory.Bergen"/> when null.</param>
    /// <param name="decide">The decider; the real <see cref="CaseDecider"/> when null (tests of the checker swap in a broken one).</param>
    /// <param name="rules">The deadline rule set time is decided with; <see cref="DeadlineRuleSet.Default"/> when null.</param>
    public CaseScenario(UnitDirectory? units = null, Func<CaseState?, CaseCommand, CommandContext, Decision>? decide = null, DeadlineRuleSet? rules = null)
    {
        Units = units ?? UnitDirectory.Bergen;
        Rules = rules ?? DeadlineRuleSet.Default;
        _decide = decide ?? ((state, command, ctx) => CaseDecider.Decide(state, command, ctx, CaseId, NeedAreaCatalogue.Default, Rules));
    }

    /// <summary>The deadline rule set the scenario's clock works with.</summary>
    public DeadlineRuleSet Rules { get; }

    /// <summary>The caps on what the case may hold, in every context the scenario decides in.</summary>
    public CaseLimits Limits { get; set; } = CaseLimits.Default;

    /// <summary>Monday 2 March 2026, 10:00 in Norway.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>What the units say; a test may change their staff as it goes (<see cref="ChangeStaff"/>).</summary>
    public UnitDirectory Units { get; private set; }

    /// <summary>The units' staff changes: from now on they say what <paramref name="units"/> says.</summary>
    public void ChangeStaff(UnitDirectory units) => Units = units;

    /// <summary>The case as it stands; null before it is opened.</summary>
    public CaseState? State { get; private set; }

    /// <summary>The case as it stands; fails the test when it has not been opened.</summary>
    public CaseState Case => State ?? throw new InvalidOperationException("The scenario has not opened its case.");

    public DateTimeOffset Now { get; private set; } = Start;

    /// <summary>Today in Norway, as the domain counts days.</summary>
    public DateOnly Today => CommandContext.NorwegianDate(Now);

    /// <summary>Every event appended so far, in order.</summary>
    public IReadOnlyList<CaseEventRecord> Log => _log;

    /// <summary>The standard case, opened by the kontaktbetjent at the prison, with the person as a member.</summary>
    public static CaseScenario Opened(KeyDates? dates = null, CasePhase phase = CasePhase.Serving, DeadlineRuleSet? rules = null)
    {
        var scenario = new CaseScenario(rules: rules);
        scenario.Accepts(Cast.Kontaktbetjent, StandardOpen(dates, phase));
        scenario.Accepts(Cast.Kontaktbetjent, new AddMember(Cast.Person, "Lars", MemberRole.Person, Agency.Person, null, null));
        return scenario;
    }

    /// <summary>The command that opens the standard case.</summary>
    public static OpenCase StandardOpen(KeyDates? dates = null, CasePhase phase = CasePhase.Serving) => new(
        new PersonRef("pp-1001", "Lars"),
        phase,
        Cast.Prison,
        new HomeMunicipality(Cast.Municipality),
        dates ?? new KeyDates(new DateOnly(2026, 1, 5), new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 4), new DateOnly(2026, 7, 3)),
        MemberRole.Kontaktbetjent);

    public void AdvanceDays(int days) => Now = Now.AddDays(days);

    /// <summary>Move the clock to <paramref name="day"/> at 10:00 in Norway (never backwards).</summary>
    public void AdvanceTo(DateOnly day)
    {
        var at = NorwegianTime.StartOf(day).AddHours(10);
        Assert.True(at >= Now, $"The clock does not go back from {Now:O} to {at:O}.");
        Now = at;
    }

    /// <summary>Let time act: the system clock evaluates the case now (as the grain does when a reminder fires).</summary>
    public ImmutableArray<CaseEvent> Tick() => Accepts(TimeRules.SystemActorId, new EvaluateTime());

    /// <summary>The case's deadlines today under the scenario's rule set.</summary>
    public ImmutableArray<Deadline> Deadlines() => DeadlineCalculator.Compute(Case, Rules, Today);

    /// <summary>The deadline of <paramref name="ruleId"/> today.</summary>
    public Deadline Deadline(string ruleId) => Deadlines().Single(d => d.RuleId == ruleId);

    /// <summary>
    /// Record, as the coordinator, a release exception for everything the release gate asks — every critical need area, the
    /// coordinator role, the exit conversation — so the person may leave prison where the gate is not what is tested.
    /// </summary>
    public void ExceptAllCriticalAreas()
    {
        foreach (var code in NeedAreaCatalogue.Default.Entries.Where(e => e.CriticalForRelease).Select(e => e.Code).Append(ReleaseGate.CoordinatorCode).Append(ReleaseGate.ExitConversationCode))
        {
            Accepts(Case.CoordinatorId, new RecordReleaseException(code, "Tested separately"));
        }
    }
    /// <summary>The context the domain decides <paramref name="command"/> in, for <paramref name="actorId"/> now.</summary>
    public CommandContext ContextFor(string actorId, CaseCommand command, ImmutableDictionary<string, UnitResolution>? units = null) => new(
        new ActorRef(actorId, Cast.Name(actorId)),
        Now,
        Today,
        units ?? Units.ResolveFor(actorId, CaseDecider.UnitsConcerned(State, command)),
        prefix => $"{prefix}-{++_lastId}")
    {
        Limits = Limits,

        // As the case grain does: the owners' units are asked whether they still work there.
        Staffing = Units.StaffingFor(CaseDecider.StaffingConcerned(State, command)),
    };

    /// <summary>
    /// Decide the command as <paramref name="actorId"/> now and, when accepted, append and apply its events.
    /// <paramref name="units"/> replaces what the unit directory would say about the actor.
    /// </summary>
    public Decision Execute(string actorId, CaseCommand command, ImmutableDictionary<string, UnitResolution>? units = null)
    {
        var decision = _decide(State, command, ContextFor(actorId, command, units));
        if (decision.IsRefused)
        {
            return decision;
        }

        foreach (var e in decision.Events)
        {
            var record = new CaseEventRecord(CaseId, (State?.Version ?? 0) + 1, actorId, null, Now, e);
            State = CaseEvolver.Apply(State, record);
            _log.Add(record);
            _states.Add(State);
        }

        return decision;
    }

    /// <summary>Execute a command that must be accepted; returns its events.</summary>
    public ImmutableArray<CaseEvent> Accepts(string actorId, CaseCommand command, ImmutableDictionary<string, UnitResolution>? units = null)
    {
        var decision = Execute(actorId, command, units);
        Assert.False(decision.IsRefused, $"{command} by {actorId} was refused: {decision.Error}");
        return decision.Events;
    }

    /// <summary>Execute a command that must be refused; asserts it produced no event and left the case as it was.</summary>
    public DomainError Refuses(string actorId, CaseCommand command, ImmutableDictionary<string, UnitResolution>? units = null)
    {
        var before = State;
        var logLength = _log.Count;
        var decision = Execute(actorId, command, units);
        Assert.True(decision.IsRefused, $"{command} by {actorId} was accepted with {decision.Events.Length} event(s).");
        Assert.Empty(decision.Events);
        Assert.Equal(logLength, _log.Count);
        AssertUnchanged(before, State);
        return decision.Error!;
    }

    /// <summary>Execute a command that must be refused with <paramref name="kind"/> and <paramref name="code"/>.</summary>
    public DomainError Refuses(string actorId, CaseCommand command, ErrorKind kind, string code)
    {
        var error = Refuses(actorId, command);
        Assert.Equal((kind, code), (error.Kind, error.Code));
        return error;
    }

    /// <summary>A refused command leaves the case identical: the same version and the very same state.</summary>
    public static void AssertUnchanged(CaseState? before, CaseState? after)
    {
        Assert.Equal(before?.Version, after?.Version);
        Assert.Same(before, after);
        Assert.Equal(before, after);
    }

    /// <summary>The case as it stood right after event <paramref name="version"/> was applied.</summary>
    public CaseState StateAt(long version) => _states[(int)version - 1];

    /// <summary>Add <paramref name="userId"/> to the group, as the coordinator, with the role and agency of their unit.</summary>
    public void Join(string userId, DateOnly? from = null)
    {
        var unit = Units.UnitOf(userId);
        var agency = unit?.Agency ?? Agency.Ngo;
        Accepts(Case.CoordinatorId, new AddMember(userId, Cast.Name(userId), HandoverRules.RoleFor(agency), agency, unit?.UnitId, from));
    }

    /// <summary>Identify a need, as the coordinator, with <paramref name="ownerId"/> accountable.</summary>
    public void Identify(string code, string ownerId) =>
        Accepts(Case.CoordinatorId, new IdentifyNeed(code, ownerId, $"In my words: {code}", $"Assessed: {code}"));

    /// <summary>The id of the last handover offered.</summary>
    public string LastHandoverId => Case.Handovers.Values.OrderBy(h => h.Version).Last().HandoverId;

    /// <summary>The id of the last measure added.</summary>
    public string LastMeasureId => Case.Measures.Values.OrderBy(m => m.Version).Last().MeasureId;
}
