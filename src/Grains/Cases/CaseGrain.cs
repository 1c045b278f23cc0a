using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Time;
using CaseGrid.Contracts.Units;
using CaseGrid.Domain;
using CaseGrid.Domain.Privacy;
using CaseGrid.Grains.Realtime;
using CaseGrid.Grains.RuleSets;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// The single writer of one case. A thin shell over the domain: it gathers what the rules need to know
/// (the units' word about the actor), decides, appends the events to the log, and only then acknowledges.
/// Its state is the fold of the log, so a reactivation on any silo rebuilds exactly what was acknowledged.
/// </summary>
internal sealed partial class CaseGrain(
    ICaseEventStore store,
    ICasePartnerIndex partnerIndex,
    ICaseKeyStore keys,
    ICaseSnapshotStore snapshots,
    CaseSnapshotCodec snapshotCodec,
    IOptions<CaseSnapshotOptions> snapshotOptions,
    TimeProvider clock,
    NeedAreaCatalogue catalogue,
    RuleSetCache ruleSets,
    UnitNames unitNames,
    IOptions<WorkOptions> workOptions,
    IOptions<CaseLimits> limits,
    LiveWatchers watchers,
    IReminderTable reminders,
    ILogger<CaseGrain> logger) : WatchedGrain(watchers), ICaseGrain, IRemindable
{
    private const int MaxPage = 1000;

    /// <summary>The longest command id a client may send (the same as an Idempotency-Key).</summary>
    private const int MaxCommandIdLength = 200;
    private const string TimeReminder = "case-time";

    /// <summary>The earliest a reminder is set to fire; Orleans reminders are not meant for sub-second timing.</summary>
    private static readonly TimeSpan MinimumReminderDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The reminder's period, Orleans' shortest. Every firing re-arms the reminder for the case's next moment, so the
    /// period matters only when a firing is missed: a silo that dies before its reminder's first tick leaves the next
    /// tick to the silo that takes over, which Orleans counts from the first by whole periods.
    /// </summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly CaseProjections _projections = new(catalogue, ruleSets, clock);
    private readonly CaseWorkPublisher _work = new(catalogue, ruleSets, workOptions.Value.Settings, unitNames);

    /// <summary>Presence and field locks while anyone is present: null otherwise, as most active cases are.</summary>
    private CaseLiveState? _live;
    private readonly CaseRedactor _redactor = new(catalogue);
    private readonly CommandMemory _commands = new();
    private IGrainTimer? _liveTimer;
    private CaseSnapshotter? _snapshotter;

    /// <summary>
    /// What an activation does after its load that no answer needs (indexes, work lists, the reminder): under way while
    /// the first reads are answered, and awaited by anything that writes.
    /// </summary>
    private Task _settling = Task.CompletedTask;

    /// <summary>What the partner index says for this case, as far as this activation knows; null until written.</summary>
    private PartnerReach? _indexed;
    private DateTimeOffset? _timeReminderDue;
    private bool _reminderUnknown = true;
    private CaseState? _state;

    /// <summary>The case's data key while this activation lives (never cached beyond it), null before the first event.</summary>
    private CaseDataKey? _key;

    /// <summary>The case was erased: nothing of it can be read, and nothing may be written.</summary>
    private bool _erased;

    private string? _caseId;

    private string CaseId => _caseId ??= this.GetPrimaryKeyString();

    /// <summary>The rule set in force today (domain §7: published with an effective date, read from the silo's cache).</summary>
    private DeadlineRuleSet Rules => ruleSets.InForce(Today());

    protected override LiveGroup Group => LiveGroup.Case(CaseId);

    protected override long Head => Version;

    private CaseSnapshotter Snapshotter => _snapshotter ??= new(CaseId, snapshots, snapshotCodec, snapshotOptions.Value.Every, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The first read needs only the rules and the case itself; the rest of an activation follows right after it.
        await Task.WhenAll(RefreshRulesAsync(), LoadAsync(cancellationToken));
        _settling = SettleAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _settling;
        if (!_erased && _state is not null)
        {
            await Snapshotter.FlushAsync(_state.Version, _key, TakeSnapshot);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>
    /// The healing an activation does once the case is loaded, while its first reads are answered. Nothing here can make
    /// an answer wrong: the partner index never says less than the case (it is widened before events that widen the case
    /// are written, and a missing entry is asked), and anything that writes waits for this first (<see cref="SettledAsync"/>).
    /// </summary>
    private async Task SettleAsync()
    {
        if (_state is null)
        {
            await ScheduleTimeAsync();
            return;
        }

        // The partner index is set on every activation (a row that already says the same is left as it is), so a case
        // from before the index, or a narrowing lost with a silo, is set right as soon as the case is used again. If this
        // fails, the next change writes it.
        try
        {
            await IndexAsync(PartnerReach.Of(_state), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIndexFailed(logger, e, CaseId);
        }

        // The unit and group indexes and everyone's work lists are told again on every activation, so a notification
        // lost with a silo heals as soon as the case is used again.
        _projections.Publish(_state, GrainFactory, force: true);
        await PublishWorkAsync(force: true, relevant: true);
        await ScheduleTimeAsync(activating: true);

        // Settled: the finished task need not be held for as long as the case stays active.
        _settling = Task.CompletedTask;
    }

    /// <summary>Wait until the activation's own writes are done: whatever writes orders itself after them.</summary>
    private Task SettledAsync() => _settling;

    public async Task<CommandResult> ExecuteAsync(CaseCommand command, ActorRef actor, string? commandId = null)
    {
        if (actor is { IsSystem: true })
        {
            // A system on its own changes nothing; partner systems act for a user of their agency, whose token names them.
            return CommandResult.Refused(Version, new DomainError(ErrorKind.Forbidden, "case.not-member", "Only members change a case; a partner system acts with the token of the user it acts for."));
        }

        if (command is null || actor is null || !CaseGridIds.IsValid(actor.UserId))
        {
            return CommandResult.Refused(Version, new DomainError(ErrorKind.BadRequest, "command.invalid", "A command and an authenticated actor are required."));
        }

        if (_erased)
        {
            return CommandResult.Refused(0, Erased(ErrorKind.Conflict));
        }

        if (commandId is { Length: 0 or > MaxCommandIdLength })
        {
            return CommandResult.Refused(Version, new DomainError(ErrorKind.BadRequest, "command.id-invalid", $"A command id is 1 to {MaxCommandIdLength} characters."));
        }

        await SettledAsync();

        // Sent before, and its answer lost: answered again from what it wrote, never applied twice.
        var digest = commandId is null ? null : CommandDigest.Of(command);
        if (commandId is not null && await AppliedAsync(actor, commandId, digest) is { } applied)
        {
            return applied;
        }

        var locked = _state is null ? null : _live?.HeldByOther(CaseLiveState.FieldsTouched(_state, command), actor.UserId);
        if (locked is not null)
        {
            return CommandResult.Refused(Version, new DomainError(
                ErrorKind.Conflict, "field.locked", $"{locked.DisplayName} is editing this text until they finish (or until {locked.ExpiresAt:HH:mm:ss} UTC).", null, locked));
        }

        return await DecideAndAppendAsync(command, actor, () => ContextAsync(command, actor), commandId, digest);
    }

    /// <summary>
    /// The answer to a command this case has already applied under <paramref name="commandId"/>, or null; a refusal
    /// when the id was used for another command (<paramref name="digest"/> differs from the one kept with its events).
    /// </summary>
    private async Task<CommandResult?> AppliedAsync(ActorRef actor, string commandId, string? digest)
    {
        var span = _commands.Find(actor, commandId)
            ?? (_commands.Forgetful ? await store.FindCommandAsync(CaseId, actor.UserId, actor.ClientId, commandId) : null);
        if (span is not { } found)
        {
            return null;
        }

        if (found.Hash is not null && digest is not null && found.Hash != digest)
        {
            return CommandResult.Refused(Version, new DomainError(ErrorKind.Unprocessable, "idempotency.key-reused", "This command id was used for a different command."));
        }

        var (first, last, _) = found;
        LogCommandRepeated(logger, CaseId, first);
        var records = await store.ReadAsync(CaseId, first - 1, (int)Math.Min(MaxPage, last - first + 1));
        return CommandResult.Ok(last, _redactor.Redact([.. records], _state!, OwnView(actor, CommandContext.NorwegianDate(clock.GetUtcNow()))));
    }

    public async Task EvaluateTimeAsync()
    {
        await SettledAsync();
        // The armed moment has come (or the sweep asks, after a new rule set perhaps): whatever is armed now is re-decided
        // below, with the rule set in force.
        await RefreshRulesAsync();
        _timeReminderDue = null;
        _reminderUnknown = true;
        if (_erased || _state is null || _state.Phase == CasePhase.Closed)
        {
            await ScheduleTimeAsync();
            return;
        }

        // The clock acts as the system actor, which no token can carry (its id is not a valid user id). It asks the units
        // of the owners whether they still work there, so an owner who left is flagged even when the unit's notice was lost.
        var evaluate = new EvaluateTime();
        var result = await DecideAndAppendAsync(evaluate, TimeRules.SystemActor, async () => CommandContext.At(TimeRules.SystemActor, Now()) with
        {
            Staffing = await StaffingAsync(evaluate),
        });
        if (result.Error is { } error)
        {
            LogTimeRefused(logger, CaseId, error.Code);
        }

        // Boards and work lists change with the calendar too (a readiness window opening, a deadline coming within the
        // window), not only with events. Work is sent to everyone again, so a list that missed a message heals daily.
        _projections.Publish(_state, GrainFactory, force: false);
        await PublishWorkAsync(force: true, relevant: true);
        await ScheduleTimeAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => EvaluateTimeAsync();

    public Task CheckStaffingAsync() => EvaluateTimeAsync();

    /// <summary>Read the published rule sets again if they may have changed; a failure keeps what the silo knows.</summary>
    private async Task RefreshRulesAsync()
    {
        try
        {
            await ruleSets.RefreshAsync(GrainFactory);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRulesUnknown(logger, e, CaseId);
        }
    }

    /// <summary>What the owners' units say about whether they still work there; a unit that does not answer tells nothing.</summary>
    private async Task<ImmutableDictionary<string, bool>> StaffingAsync(CaseCommand command)
    {
        var pairs = CaseDecider.StaffingConcerned(_state, command).ToList();
        var answers = await Task.WhenAll(pairs.Select(async p =>
        {
            try
            {
                var resolution = await GrainFactory.Unit(p.UnitId).ResolveAsync(p.UserId);
                return (Key: CommandContext.StaffKey(p.UnitId, p.UserId), IsStaff: (bool?)resolution.IsStaff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStaffingUnknown(logger, e, CaseId);
                return (Key: CommandContext.StaffKey(p.UnitId, p.UserId), IsStaff: null);
            }
        }));
        return answers.Where(a => a.IsStaff is not null).ToImmutableDictionary(a => a.Key, a => a.IsStaff!.Value, StringComparer.Ordinal);
    }

    public Task<CaseTimeView> GetTimeAsync(ActorRef actor)
    {
        var today = CommandContext.NorwegianDate(clock.GetUtcNow());
        var refused = AuthorizeMember(actor);
        var rules = ruleSets.InForce(today);
        return Task.FromResult(refused is not null
            ? new CaseTimeView(Version, today, rules.Version, [], null, refused, [], [])
            : new CaseTimeView(
                Version, today, rules.Version, DeadlineCalculator.Compute(_state!, rules, today), Readiness.Assess(_state!, catalogue, rules, today), null,
                ApplicationOutlooks.Assess(_state!, rules, today), ReleaseGate.Items(_state!, catalogue, today)));
    }

    /// <summary>Decide, guard the invariant, append, and only then acknowledge; then publish and re-arm the clock.</summary>
    private async Task<CommandResult> DecideAndAppendAsync(CaseCommand command, ActorRef actor, Func<Task<CommandContext>> context, string? commandId = null, string? digest = null)
    {
        // One retry: if another activation appended first (a silo failover race), reload and decide again.
        for (var attempt = 0; ; attempt++)
        {
            // After a reload the other activation's appends are known: one of them may be this very command.
            if (attempt > 0 && commandId is not null && await AppliedAsync(actor, commandId, digest) is { } applied)
            {
                return applied;
            }

            var ctx = await context();
            var decision = CaseDecider.Decide(_state, command, ctx, CaseId, catalogue, ruleSets.InForce(ctx.Today));
            if (decision.IsRefused)
            {
                return CommandResult.Refused(Version, decision.Error!);
            }

            if (decision.Events.IsEmpty)
            {
                return CommandResult.Ok(Version, []);
            }

            var records = decision.Events
                .Select((e, i) => new CaseEventRecord(CaseId, Version + 1 + i, actor.UserId, actor.ClientId, ctx.Now, e, commandId, digest))
                .ToImmutableArray();
            var next = CaseEvolver.Replay(records, _state)!;
            var broken = CaseInvariants.Violations(next, ctx.Today).Count();
            if (broken > 0)
            {
                // The violations name members and need areas: the log says only how many; replaying the case's events shows which.
                LogInvariantGuard(logger, CaseId, command.GetType().Name, broken);
                return CommandResult.Refused(Version, new DomainError(ErrorKind.Conflict, "case.invariant", "The change would leave a responsibility without an accountable owner."));
            }

            // The partner index never says less than the case: widened before the events that widen the case are
            // written, narrowed only after them.
            var reach = PartnerReach.Of(next);
            if (_indexed is null || !reach.Within(_indexed))
            {
                await IndexAsync(_indexed is null ? reach : _indexed.Union(reach), CancellationToken.None);
            }

            try
            {
                _key ??= await keys.GetOrCreateAsync(CaseId);
                await store.AppendAsync(CaseId, records, _key);
            }
            catch (CaseErasedException)
            {
                _erased = true;
                _state = null;
                return CommandResult.Refused(0, Erased(ErrorKind.Conflict));
            }
            catch (CaseVersionConflictException) when (attempt == 0)
            {
                LogConcurrentWriter(logger, CaseId, Version);
                await LoadAsync(CancellationToken.None);
                continue;
            }
            catch (CaseVersionConflictException)
            {
                return CommandResult.Refused(Version, new DomainError(ErrorKind.Conflict, "case.concurrent-write", "The case changed at the same moment; read it again and retry."));
            }

            _state = next;
            _commands.Remember(records);
            Snapshotter.Consider(_state.Version, _key, TakeSnapshot);
            if (!reach.Equals(_indexed))
            {
                await NarrowIndexAsync(reach);
            }

            var timeRelevant = records.Any(r => !IsTimeNeutral(r.Event));
            _projections.Publish(_state, GrainFactory, force: false, timeRelevant);
            var broadcast = Broadcast(records, ctx.Today);
            Publish(host => host.OnCaseEventsAsync(CaseId, broadcast));
            await PublishWorkAsync(force: false, relevant: timeRelevant);
            if (timeRelevant)
            {
                await ScheduleTimeAsync();
            }

            return CommandResult.Ok(Version, _redactor.Redact(records, _state, OwnView(actor, ctx.Today)));
        }
    }

    /// <summary>
    /// Keep one durable reminder at the case's next moment in time (a deadline turning due or overdue, a planned
    /// date, an owner's inactivity threshold). Reminders live in PostgreSQL, so they survive restarts and failover;
    /// the daily sweep is the safety net. Re-registered only when the moment moves.
    /// </summary>
    private async Task ScheduleTimeAsync(bool activating = false)
    {
        var now = clock.GetUtcNow();
        var rules = ruleSets.InForce(NorwegianTime.DateOf(now));
        var next = _state is null || _state.Phase == CasePhase.Closed ? null : Earliest(
            TimeRules.NextCheck(_state, rules, now),
            WorkRules.NextChange(_state, now, DeadlineCalculator.Compute(_state, rules, NorwegianTime.DateOf(now)), workOptions.Value.Settings));
        var target = next is { } n && n < now + MinimumReminderDelay ? now + MinimumReminderDelay : next;

        // Nothing to write when a firing no later than the target is already armed: it re-evaluates then. This
        // keeps reminder writes off the edit path while a case has time work pending.
        if (target is not null && _timeReminderDue is { } armed && armed <= target)
        {
            return;
        }

        if (target is null && _timeReminderDue is null && !_reminderUnknown)
        {
            return;
        }

        try
        {
            if (activating && target is { } wanted && await ArmedAsync(now) is { } firing && firing <= wanted + MinimumReminderDelay)
            {
                // What the last activation armed still fires in time (its start is counted from when the reminder service
                // stored it, a moment after the due time was): adopted, not written again.
                _timeReminderDue = firing < wanted ? firing : wanted;
                _reminderUnknown = false;
                return;
            }

            if (target is { } due)
            {
                await this.RegisterOrUpdateReminder(TimeReminder, due - now, ReminderPeriod);
            }
            else if (await this.GetReminder(TimeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _timeReminderDue = target;
            _reminderUnknown = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change itself is durable; the daily sweep re-arms the reminder if this failed.
            LogReminderFailed(logger, e, CaseId);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>
    /// The next firing of the time reminder as stored (null when there is none): read on activation, which is cheaper
    /// than arming it again, because a case is activated far more often than its next moment changes.
    /// </summary>
    private async Task<DateTimeOffset?> ArmedAsync(DateTimeOffset now)
    {
        if (await reminders.ReadRow(this.GetGrainId(), TimeReminder) is not { } row)
        {
            return null;
        }

        var start = new DateTimeOffset(DateTime.SpecifyKind(row.StartAt, DateTimeKind.Utc));
        if (start >= now || row.Period <= TimeSpan.Zero)
        {
            return start;
        }

        // Past its start it ticks every period (each firing re-arms it for the case's next moment, so this is a missed one).
        var periods = (long)Math.Ceiling((now - start) / row.Period);
        return start + (periods * row.Period);
    }

    /// <summary>Tell the work lists and units what the case needs of whom; the change itself is already durable, so a failure only logs.</summary>
    private async Task PublishWorkAsync(bool force, bool relevant)
    {
        try
        {
            await _work.PublishAsync(_state, GrainFactory, clock.GetUtcNow(), force, relevant);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next activation or time evaluation sends everything again.
            LogWorkFailed(logger, e, CaseId);
        }
    }

    /// <summary>
    /// Events that change neither deadlines, readiness nor the next moment in time: after them the board line and
    /// the reminder stay as they are, which keeps the rules off the path of ordinary text edits. (An armed reminder
    /// that comes too early only re-evaluates and re-arms.)
    /// </summary>
    private static bool IsTimeNeutral(CaseEvent e) =>
        e is GoalAdded or GoalUpdated or MinutesEdited or AttendanceRecorded or DeputySet or SupportingOwnerAdded or SupportingOwnerRemoved;

    private DateTimeOffset Now()
    {
        // Times are kept to the microsecond, as PostgreSQL stores them, so a rebuilt case equals the acknowledged one.
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public async Task<CaseReadResult> GetAsync(ActorRef actor, long? atVersion)
    {
        var refused = Authorize(actor);
        if (refused is not null)
        {
            return new CaseReadResult(null, refused);
        }

        var access = Access(actor);
        if (atVersion is null || atVersion == Version)
        {
            return new CaseReadResult(_redactor.Redact(_state!, Seen(actor)), null, access);
        }

        if (atVersion < 1 || atVersion > Version)
        {
            return new CaseReadResult(null, new DomainError(ErrorKind.NotFound, "version.not-found", $"The case has versions 1 to {Version}."));
        }

        var prefix = await store.ReadAsync(CaseId, 0, (int)atVersion.Value, _key);
        return new CaseReadResult(_redactor.Redact(CaseEvolver.Replay(prefix)!, Seen(actor)), null, access);
    }

    public Task<CaseReadResult> GetPresentationAsync(ActorRef actor)
    {
        var refused = AuthorizeMember(actor);
        if (refused is not null)
        {
            return Task.FromResult(new CaseReadResult(null, refused));
        }

        var access = CaseAccess.Least(Access(actor), CaseAccess.Presentation(_state!, Today()));
        return Task.FromResult(new CaseReadResult(_redactor.Redact(_state!, access), null, access));
    }

    public async Task<CaseEventsPage> GetEventsAsync(ActorRef actor, long afterVersion, int max)
    {
        var refused = Authorize(actor);
        if (refused is not null)
        {
            return new CaseEventsPage([], 0, refused);
        }

        var access = Access(actor);
        if (afterVersion >= Version)
        {
            return new CaseEventsPage([], Version, null, access);
        }

        var events = await store.ReadAsync(CaseId, Math.Max(0, afterVersion), Math.Clamp(max, 1, MaxPage), _key);
        return new CaseEventsPage(_redactor.Redact(events, _state!, Seen(actor)), Version, null, access);
    }

    public async Task<AgendaResult> GetAgendaAsync(ActorRef actor, string meetingId)
    {
        var refused = AuthorizeMember(actor);
        var meeting = _state?.Meetings.GetValueOrDefault(meetingId ?? "");
        if (refused is null && meeting is null)
        {
            refused = new DomainError(ErrorKind.NotFound, "meeting.not-found", $"No meeting '{meetingId}'.");
        }

        if (refused is not null)
        {
            return new AgendaResult(meetingId ?? "", 0, 0, [], refused, []);
        }

        var to = meeting!.ClosedAtVersion ?? Version;
        var events = new List<CaseEventRecord>();
        while (events.Count < to - meeting.AgendaFromVersion)
        {
            var page = await store.ReadAsync(CaseId, meeting.AgendaFromVersion + events.Count, (int)Math.Min(MaxPage, to - meeting.AgendaFromVersion - events.Count), _key);
            if (page.Count == 0)
            {
                break;
            }

            events.AddRange(page);
        }

        var seen = Seen(actor);
        var agenda = MeetingAgenda.Build(_redactor.Redact(_state!, seen), _redactor.Redact(events, _state!, seen), catalogue);
        return new AgendaResult(meeting.MeetingId, meeting.AgendaFromVersion, to, agenda, null, MeetingAgenda.Standing(_state!, meeting, Rules));
    }

    public Task<DomainError?> UpdatePresenceAsync(ActorRef actor, string connectionId, PresenceMode mode, string? editingField)
    {
        var refused = AuthorizeMember(actor)
            ?? (string.IsNullOrEmpty(connectionId) || connectionId.Length > 128 || !Enum.IsDefined(mode)
                ? new DomainError(ErrorKind.BadRequest, "presence.invalid", "A connection id and a known presence mode are required.")
                : null)
            ?? (editingField is null ? null : CaseLiveState.CheckField(_state!, editingField));
        // A repeat that changes nothing the viewers see only renews the connection's presence: no push.
        if (refused is null && (_live ??= new(clock)).Heartbeat(actor, connectionId, mode, editingField))
        {
            LiveChanged();
        }

        return Task.FromResult(refused);
    }

    public Task LeavePresenceAsync(string connectionId)
    {
        if (_live?.Leave(connectionId) == true)
        {
            LiveChanged();
        }

        return Task.CompletedTask;
    }

    public Task<FieldLockResult> LockFieldAsync(ActorRef actor, string connectionId, string field)
    {
        var refused = AuthorizeMember(actor) ?? CaseLiveState.CheckField(_state!, field);
        if (refused is not null)
        {
            return Task.FromResult(new FieldLockResult(false, null, refused));
        }

        var result = (_live ??= new(clock)).Lock(actor, connectionId, field);
        if (result.Granted)
        {
            LiveChanged();
        }

        return Task.FromResult(result);
    }

    public Task ReleaseFieldAsync(ActorRef actor, string field)
    {
        if (actor is not null && _live?.Release(actor.UserId, field) == true)
        {
            LiveChanged();
        }

        return Task.CompletedTask;
    }

    public Task<CasePresence?> GetPresenceAsync(ActorRef actor) =>
        Task.FromResult(AuthorizeMember(actor) is null ? CaseLiveState.Snapshot(_live) : null);

    /// <summary>Push presence to the watching hosts, and keep a timer running while anyone is present so silence expires.</summary>
    private void LiveChanged()
    {
        var snapshot = CaseLiveState.Snapshot(_live);
        Publish(host => host.OnPresenceAsync(CaseId, snapshot));
        if (_live is null || _live.IsEmpty)
        {
            _liveTimer?.Dispose();
            _liveTimer = null;
            _live = null;
        }
        else
        {
            _liveTimer ??= this.RegisterGrainTimer(ExpireLiveAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)));
        }
    }

    private Task ExpireLiveAsync(CancellationToken cancellationToken)
    {
        if (_live?.Expire() == true)
        {
            LiveChanged();
        }

        return Task.CompletedTask;
    }

    private long Version => _state?.Version ?? 0;

    private DomainError? Authorize(ActorRef actor)
    {
        if (_erased)
        {
            return Erased(ErrorKind.NotFound);
        }

        if (_state is null)
        {
            return new DomainError(ErrorKind.NotFound, "case.not-found", $"Case '{CaseId}' does not exist.");
        }

        return actor is null
            ? new DomainError(ErrorKind.Forbidden, "case.not-member", "Only active members of the case's ansvarsgruppe may read it.")
            : CaseAccess.Refusal(_state, actor, Today());
    }

    /// <summary>Live presence, locks, agendas and deadlines are for the group's members only, never a partner system, on its own or acting for one.</summary>
    private DomainError? AuthorizeMember(ActorRef actor) =>
        actor is { IsSystem: true } or { IsActingFor: true } ? new DomainError(ErrorKind.Forbidden, "case.not-member", "Only active members of the case's ansvarsgruppe may read it.") : Authorize(actor);

    private DetailAccess Access(ActorRef actor) => CaseAccess.DetailsFor(_state!, actor, Today());

    /// <summary>
    /// What the actor does not get: their level, less the areas they own. A system owns none; a system acting for a user
    /// gets what the weakest reader it could be gets, so no owned area either.
    /// </summary>
    private Withholding Seen(ActorRef actor) => actor.IsSystem || actor.IsActingFor ? Access(actor) : _redactor.For(_state!, actor.UserId, Access(actor));

    private DateOnly Today() => CommandContext.NorwegianDate(clock.GetUtcNow());

    /// <summary>
    /// What the actor gets back of their own command: a member without health access adding to a health area sees it
    /// withheld, and staff acting without being members (a leader's override, a receiving unit's acceptance) never see
    /// health details.
    /// </summary>
    private Withholding OwnView(ActorRef actor, DateOnly today) =>
        actor.UserId == TimeRules.SystemActorId ? Withholding.None
        : _state!.IsActiveMember(actor.UserId, today) ? Seen(actor)
        : Withholding.FromDetailAccess(DetailAccess.HealthWithheld);

    /// <summary>
    /// The new events in as many versions as readers differ in what they may see (usually one, at most a few: the levels,
    /// and owners of withheld areas), and which reader gets which.
    /// </summary>
    private CaseBroadcast Broadcast(ImmutableArray<CaseEventRecord> records, DateOnly today)
    {
        // Most edits carry nothing any reader could be denied: then the group gets one message, and nobody's access is
        // worked out for it.
        if (_redactor.Redact(records, _state!, DetailAccess.DetailsWithheld).SequenceEqual(records))
        {
            return new CaseBroadcast(records, [], ImmutableDictionary<string, int>.Empty);
        }

        var variants = ImmutableArray.CreateBuilder<ImmutableArray<CaseEventRecord>>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var readers = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var (userId, level) in CaseAccess.Readers(_state!, today))
        {
            var withholding = _redactor.For(_state!, userId, level);
            if (!byKey.TryGetValue(withholding.Key, out var index))
            {
                var redacted = _redactor.Redact(records, _state!, withholding);
                index = redacted.SequenceEqual(records) ? CaseBroadcast.AsIs : variants.Count;
                if (index != CaseBroadcast.AsIs)
                {
                    variants.Add(redacted);
                }

                byKey[withholding.Key] = index;
            }

            readers[userId] = index;
        }

        return new CaseBroadcast(records, variants.ToImmutable(), readers.ToImmutable());
    }

    private async Task<CommandContext> ContextAsync(CaseCommand command, ActorRef actor)
    {
        var units = CaseDecider.UnitsConcerned(_state, command).ToList();
        var answers = await Task.WhenAll(units.Select(u => GrainFactory.Unit(u).ResolveAsync(actor.UserId)));
        var resolved = units.Zip(answers).ToImmutableDictionary(p => p.First, p => p.Second);
        return CommandContext.At(actor, Now(), resolved, limits.Value);
    }

    private async Task IndexAsync(PartnerReach reach, CancellationToken cancellationToken)
    {
        await partnerIndex.WriteAsync(CaseId, reach, Version, cancellationToken);
        _indexed = reach;
    }

    /// <summary>Narrow the index after the events that narrowed the case; if that fails, the wider entry stands (it only wakes the case more often) and the next change or activation tries again.</summary>
    private async Task NarrowIndexAsync(PartnerReach reach)
    {
        try
        {
            await IndexAsync(reach, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIndexFailed(logger, e, CaseId);
        }
    }

    private static DomainError Erased(ErrorKind kind) => new(kind, "case.erased", "This case has been erased; nothing of it can be read or changed.");

    public async Task<DomainError?> EraseAsync(ActorRef actor, ErasureReason reason)
    {
        if (_erased)
        {
            return null;
        }

        if (actor is null || !Enum.IsDefined(reason))
        {
            return new DomainError(ErrorKind.BadRequest, "erasure.invalid", "An erasure needs an actor and a known reason.");
        }

        if (_state is null)
        {
            return new DomainError(ErrorKind.NotFound, "case.not-found", $"Case '{CaseId}' does not exist.");
        }

        if (_state.Phase != CasePhase.Closed)
        {
            return new DomainError(ErrorKind.Conflict, "erasure.case-open", "Only a closed case is erased; close it first.");
        }

        // Nothing of this activation's may be written after the key is gone: not its index or work, not a snapshot.
        await SettledAsync();
        await Snapshotter.DrainAsync();

        if (await store.HasUnsealedAsync(CaseId))
        {
            return new DomainError(ErrorKind.Conflict, "erasure.unsealed-events",
                "The case has events stored before sealing, which destroying its key would not reach; see docs/retention.md.");
        }

        // First every copy outside the log is forgotten, and only then the key goes: if a copy cannot be forgotten now,
        // nothing is destroyed and the erasure can be asked for again.
        await Task.WhenAll(_projections.UnitsHolding(_state).Union(CaseWorkPublisher.UnitsMentioned(_state), StringComparer.Ordinal)
            .Where(CaseGridIds.IsValid).Select(u => GrainFactory.Unit(u).ForgetCaseAsync(CaseId)));
        await GrainFactory.GetGrain<IAnsvarsgruppeGrain>(_state.GroupId).ForgetAsync();
        await _work.ForgetAsync(_state, GrainFactory);
        if (await this.GetReminder(TimeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await keys.EraseAsync(CaseId, actor.UserId, actor.ClientId, reason);

        // No partner system may read an erased case: the index says so, so the feed never wakes it again.
        await NarrowIndexAsync(PartnerReach.None);
        _erased = true;
        _state = null;
        _key = null;
        _timeReminderDue = null;
        _reminderUnknown = false;
        LogErased(logger, CaseId, reason);
        DeactivateOnIdle();
        return null;
    }

    /// <summary>
    /// Read the case: its key, its snapshot and the first events in one go, then the rest of the log after them. A
    /// snapshot of another fold, one that does not open, or one ahead of the log is passed over for the log itself.
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var opening = await snapshots.OpenAsync(CaseId, CaseEvolver.FoldVersion, MaxPage, cancellationToken);
        _erased = opening.Key.Erased;
        _key = opening.Key.Key;
        if (_erased)
        {
            _state = null;
            return;
        }

        _commands.Clear();
        var (state, page, full, saved, replace) = Resume(opening);
        if (state is null && page is null)
        {
            page = await store.ReadAsync(CaseId, 0, MaxPage, _key, cancellationToken);
            full = page.Count == MaxPage;
        }

        while (true)
        {
            state = CaseEvolver.Replay(page!, state);
            _commands.Remember(page!);
            if (!full)
            {
                break;
            }

            page = await store.ReadAsync(CaseId, state?.Version ?? 0, MaxPage, _key, cancellationToken);
            full = page.Count == MaxPage;
        }

        _state = state;
        Snapshotter.Loaded(Version, saved, replace);
        Snapshotter.Consider(Version, _key, TakeSnapshot);
    }

    /// <summary>
    /// Where the load goes on from: the snapshot's state and the events after it, or no state and the log's first events
    /// (a null page when they are still to be read). Whether the first page was full, the version of a snapshot resumed
    /// from, and whether the stored one is to be replaced.
    /// </summary>
    private (CaseState? State, IReadOnlyList<CaseEventRecord>? Page, bool Full, long Saved, bool Replace) Resume(CaseOpening opening)
    {
        var full = opening.Events.Count == MaxPage;
        if (opening.Snapshot is not { } stored)
        {
            return (null, opening.Events, full, 0, false);
        }

        if (stored.FoldVersion != CaseEvolver.FoldVersion)
        {
            LogSnapshotOtherFold(logger, CaseId, stored.FoldVersion, CaseEvolver.FoldVersion);
            return (null, opening.Events, full, 0, false);
        }

        if (opening.Events.Count == 0 || opening.Events[0].Version != stored.Version)
        {
            // The log does not reach the snapshot's version: never trusted over the log.
            LogSnapshotAhead(logger, CaseId, stored.Version);
            return (null, null, false, 0, true);
        }

        try
        {
            var snapshot = snapshotCodec.Open(stored, _key ?? throw new InvalidDataException("The case has a snapshot but no key."));
            _commands.Restore(snapshot.Commands, snapshot.CommandsForgetful);
            return (snapshot.State, opening.Events.Skip(1).ToList(), full, stored.Version, false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What failed says nothing of the case: the exception is left out of the log.
            LogSnapshotUnreadable(logger, CaseId, stored.Version, e.GetType().Name);
            _commands.Clear();
            return (null, null, false, 0, true);
        }
    }

    /// <summary>The case as it stands now, with the commands held, for a snapshot (taken in the grain's turn).</summary>
    private CaseSnapshot TakeSnapshot() => new(_state!, _commands.Held(), _commands.Forgetful);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: its snapshot was made by fold {Stored}, not this fold {Current}; the case is folded from its log")]
    private static partial void LogSnapshotOtherFold(ILogger logger, string caseId, int stored, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: its snapshot at version {Version} is ahead of its log and is passed over; the case is folded from its log")]
    private static partial void LogSnapshotAhead(ILogger logger, string caseId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: its snapshot at version {Version} could not be read ({Failure}); the case is folded from its log")]
    private static partial void LogSnapshotUnreadable(ILogger logger, string caseId, long version, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: erased ({Reason}); its key is destroyed")]
    private static partial void LogErased(ILogger logger, string caseId, ErasureReason reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Case {CaseId}: the invariant guard refused {Command} ({Violations} violations)")]
    private static partial void LogInvariantGuard(ILogger logger, string caseId, string command, int violations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: time could not act ({Code})")]
    private static partial void LogTimeRefused(ILogger logger, string caseId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: could not read the published rule sets; using the ones this silo knows")]
    private static partial void LogRulesUnknown(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: a unit did not say whether an owner still works there; asked again at the next evaluation")]
    private static partial void LogStaffingUnknown(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: could not tell the work lists")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: could not set the time reminder")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: a command sent again was answered from what it wrote at version {Version}")]
    private static partial void LogCommandRepeated(ILogger logger, string caseId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: could not narrow its entry in the partner index; the wider one stands")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: another writer appended after version {Version}; reloading")]
    private static partial void LogConcurrentWriter(ILogger logger, string caseId, long version);
}
