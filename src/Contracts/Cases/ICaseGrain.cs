using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Meetings;

namespace CaseGrid.Contracts.Cases;

/// <summary>
/// One person's case, keyed by case id: the single writer of its plan, group and handovers. Every command is
/// validated against the domain rules, appended to the case's event log in PostgreSQL, and only then
/// acknowledged with the new version.
/// </summary>
[Alias("casegrid.ICaseGrain")]
public interface ICaseGrain : Realtime.IWatchedGrain
{
    /// <summary>
    /// Validate and apply a command for <paramref name="actor"/>; the result carries the durable events or the refusal.
    /// With a <paramref name="commandId"/> (the client's command id or Idempotency-Key) the command is applied at most
    /// once: sent again after it was applied, it is answered with what it wrote then.
    /// </summary>
    [Alias("Execute")]
    Task<CommandResult> ExecuteAsync(CaseCommand command, ActorRef actor, string? commandId = null);

    /// <summary>The case as it stands, or as it stood at <paramref name="atVersion"/>, for an active member.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<CaseReadResult> GetAsync(ActorRef actor, long? atVersion);

    /// <summary>
    /// The case for a screen shared in a meeting (presentation mode): only what every active member may see, and never
    /// more than the actor may.
    /// </summary>
    [Alias("GetPresentation"), Orleans.Concurrency.ReadOnly]
    Task<CaseReadResult> GetPresentationAsync(ActorRef actor);

    /// <summary>Up to <paramref name="max"/> events after <paramref name="afterVersion"/>, for an active member.</summary>
    [Alias("GetEvents"), Orleans.Concurrency.ReadOnly]
    Task<CaseEventsPage> GetEventsAsync(ActorRef actor, long afterVersion, int max);

    /// <summary>A meeting's agenda: every change since the previous meeting closed, for an active member.</summary>
    [Alias("GetAgenda"), Orleans.Concurrency.ReadOnly]
    Task<AgendaResult> GetAgendaAsync(ActorRef actor, string meetingId);

    /// <summary>The case's deadlines and release readiness today, for an active member.</summary>
    [Alias("GetTime"), Orleans.Concurrency.ReadOnly]
    Task<Time.CaseTimeView> GetTimeAsync(ActorRef actor);

    /// <summary>Let time act on the case now: deadlines due or missed, handovers past their date, inactive owners.</summary>
    [Alias("EvaluateTime")]
    Task EvaluateTimeAsync();

    /// <summary>
    /// A unit's staff changed for someone who holds a responsibility here: the case asks the units of its owners whether they
    /// still work there, and flags (or clears) what they can no longer act on. The same check runs on every evaluation of
    /// time, so a lost notice heals at the latest with the daily sweep.
    /// </summary>
    [Alias("CheckStaffing"), Orleans.Concurrency.OneWay]
    Task CheckStaffingAsync();

    /// <summary>Record that a member's connection is here (viewing, in the room, remote) and what they edit; a heartbeat.</summary>
    [Alias("UpdatePresence")]
    Task<DomainError?> UpdatePresenceAsync(ActorRef actor, string connectionId, Realtime.PresenceMode mode, string? editingField);

    /// <summary>A connection left: its presence goes, and the locks it held are released.</summary>
    [Alias("LeavePresence")]
    Task LeavePresenceAsync(string connectionId);

    /// <summary>Take (or renew) the soft lock on a free-text field so nobody else edits it meanwhile.</summary>
    [Alias("LockField")]
    Task<Realtime.FieldLockResult> LockFieldAsync(ActorRef actor, string connectionId, string field);

    /// <summary>Release a field lock the actor holds.</summary>
    [Alias("ReleaseField")]
    Task ReleaseFieldAsync(ActorRef actor, string field);

    /// <summary>
    /// Erase the closed case for good (the controller's decision, checked by the caller's role): the index lines and the
    /// roster that copy from it are forgotten, then its data key is destroyed, which leaves every event of it unreadable,
    /// and the erasure is recorded without content. Null when done (or done before); a refusal otherwise.
    /// </summary>
    [Alias("Erase")]
    Task<DomainError?> EraseAsync(ActorRef actor, Privacy.ErasureReason reason);

    /// <summary>Who is present and which fields are locked, for an active member.</summary>
    [Alias("GetPresence"), Orleans.Concurrency.ReadOnly]
    Task<Realtime.CasePresence?> GetPresenceAsync(ActorRef actor);
}
