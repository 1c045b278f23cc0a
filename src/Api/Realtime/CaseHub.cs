using System.Text.Json;
using CaseGrid.Api.Audit;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Api.Infrastructure.Idempotency;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// The one live hub. A client joins the cases whose group it belongs to and the boards of its units, and receives
/// every change as a versioned event; it can also send commands, report presence and take field locks here.
/// Every join is authorised against domain state at the time of the call. See docs/realtime.md.
/// </summary>
[Authorize]
public sealed class CaseHub(IGrainFactory grains, RealtimeFanout fanout, ConnectionRegistry connections, IOptions<JsonOptions> json, AuditLog audit) : Hub<ICaseClient>
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/case";

    private const int CatchUpPage = 1000;

    /// <summary>The connection's actor, read from its token once: a connection's user never changes while it lives.</summary>
    private ActorRef Actor => Context.Items.TryGetValue(typeof(ActorRef), out var actor) && actor is ActorRef known
        ? known
        : (ActorRef)(Context.Items[typeof(ActorRef)] = Context.User!.ToActor());

    /// <summary>Join a case's live group and get the events after <paramref name="afterVersion"/> (0 for all).</summary>
    public async Task<CaseJoined> JoinCase(string caseId, long afterVersion)
    {
        Require(CaseGridIds.IsValid(caseId) && afterVersion >= 0, "join.invalid", "A valid case id and a version ≥ 0 are required.");
        var group = ConnectionRegistry.CaseGroup(caseId);
        var grain = grains.Case(caseId);

        // Authorised before the connection enters the group, so not one push reaches a non-member (asking for
        // the events after the end returns none, only the verdict).
        var verdict = await grain.GetEventsAsync(Actor, long.MaxValue, 1);
        if (verdict.Error is { } refused)
        {
            await audit.RecordReadAsync(Actor, "case.live-join", caseId, null, refused, verdict.Access);
            throw Refusal(refused);
        }

        if (Actor.IsSystem)
        {
            throw Refusal(new DomainError(ErrorKind.Forbidden, "case.not-member", "Partner systems follow cases through the feed and webhooks, not the live hub."));
        }

        // Into the group first, then read what was missed: nothing falls between the two. An event may arrive
        // both ways; the client keeps one per version. Membership ending in between is caught by the read.
        await fanout.JoinAsync(group, Context.ConnectionId, Actor.UserId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var page = await grain.GetEventsAsync(Actor, afterVersion, CatchUpPage);
        if (page.Error is { } error)
        {
            await LeaveAsync(group);
            throw Refusal(error);
        }

        // Joining is one read of everything after afterVersion, and of every push after it while connected.
        await audit.RecordReadAsync(Actor, "case.live-join", caseId, $"after {afterVersion}", null, page.Access);
        var presence = await grain.GetPresenceAsync(Actor) ?? CasePresence.Empty;
        var complete = page.Events.IsEmpty || page.Events[^1].Version >= page.CurrentVersion;
        return new CaseJoined(caseId, page.CurrentVersion, page.Events, complete, presence);
    }

    /// <summary>Stop receiving a case (nothing to do for a case this connection has not joined).</summary>
    public async Task LeaveCase(string caseId)
    {
        if (!Joined(caseId))
        {
            return;
        }

        // Out of the group first: a case that cannot be reached for the moment still stops reaching this connection.
        await LeaveAsync(ConnectionRegistry.CaseGroup(caseId));
        await grains.Case(caseId).LeavePresenceAsync(Context.ConnectionId);
    }

    /// <summary>Join a unit's live board; only its staff may.</summary>
    public async Task<BoardJoined> JoinBoard(string unitId)
    {
        Require(CaseGridIds.IsValid(unitId), "join.invalid", "A valid unit id is required.");
        var unit = grains.Unit(unitId);
        var resolution = await unit.ResolveAsync(Actor.UserId);
        if (resolution.Info is null)
        {
            throw Refusal(new DomainError(ErrorKind.NotFound, "unit.not-found", $"No unit '{unitId}'."));
        }

        if (!resolution.IsStaff)
        {
            throw Refusal(new DomainError(ErrorKind.Forbidden, "unit.not-staff", "Only the unit's staff see its board."));
        }

        var group = ConnectionRegistry.BoardGroup(unitId);
        await fanout.JoinAsync(group, Context.ConnectionId, Actor.UserId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var board = await unit.GetBoardAsync();
        return new BoardJoined(unitId, board.Cases, board.Version);
    }

    /// <summary>Stop receiving a board.</summary>
    public Task LeaveBoard(string unitId) => LeaveAsync(ConnectionRegistry.BoardGroup(unitId));

    /// <summary>Join one's own work list: what needs the caller now, then <c>WorkChanged</c> whenever it changes.</summary>
    public async Task<WorkJoined> JoinWork()
    {
        if (Actor.IsSystem)
        {
            throw Refusal(new DomainError(ErrorKind.Forbidden, "work.not-user", "Work lists belong to people; partner systems follow the feed."));
        }

        // Into the group first, then read: a change in between arrives both ways, and the client keeps the higher version.
        var group = ConnectionRegistry.WorkGroup(Actor.UserId);
        await fanout.JoinAsync(group, Context.ConnectionId, Actor.UserId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var list = await grains.WorkList(Actor.UserId).GetAsync();
        return new WorkJoined(list.UserId, list.Version, list.Items);
    }

    /// <summary>Stop receiving one's work list.</summary>
    public Task LeaveWork() => LeaveAsync(ConnectionRegistry.WorkGroup(Actor.UserId));

    /// <summary>
    /// Send a command (by name, e.g. <c>AddGoal</c>, with its JSON body) to a case, under the client's command id: sent
    /// again with the same id it gets its first answer and is never applied twice (the case keeps every command id, with
    /// a digest of its command, beside the events it wrote — the same ids an <c>Idempotency-Key</c> gives over REST);
    /// the same id with another command is refused. The answer is the outcome, or "cluster.unavailable" (nothing
    /// happened) or "outcome.unknown" (it may have happened): both are safe to send again with the same id.
    /// </summary>
    public async Task<CommandOutcome> Execute(string caseId, string command, JsonElement body, string? commandId)
    {
        var parsed = CommandCatalog.Read(command, body, json.Value.SerializerOptions);
        Require(CaseGridIds.IsValid(caseId) && parsed is not null, "command.invalid", $"'{command}' with that body is not a valid case command.");
        Require(commandId is null || IdempotencyStore.IsValidKey(commandId), "command.id-invalid", $"A command id is 1 to {IdempotencyStore.MaxKeyLength} characters.");
        return await RunAsync(caseId, parsed!, commandId);
    }

    /// <summary>A command's outcome, or, when the cluster failed it, what that means for whether it happened.</summary>
    private async Task<CommandOutcome> RunAsync(string caseId, CaseCommand command, string? commandId)
    {
        try
        {
            var result = await CaseGridTelemetry.ExecuteAsync(grains.Case(caseId), command, Actor, CaseGridTelemetry.HubChannel, commandId);
            return new CommandOutcome(result.Version, result.Events, result.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Refused(ClusterFailures.Describe(e, write: true) ?? ClusterFailures.Unexpected(write: true));
        }
    }

    private static CommandOutcome Refused(DomainError error) => new(0, [], error);

    /// <summary>Say that this connection is here (viewing, in the room, remote) and what it edits; repeat as a heartbeat.</summary>
    public async Task UpdatePresence(string caseId, PresenceMode mode, string? editingField)
    {
        RequireJoined(caseId);
        var refused = await grains.Case(caseId).UpdatePresenceAsync(Actor, Context.ConnectionId, mode, editingField);
        if (refused is not null)
        {
            throw Refusal(refused);
        }
    }

    /// <summary>Take or renew the soft lock on a free-text field.</summary>
    public Task<FieldLockResult> LockField(string caseId, string field)
    {
        RequireJoined(caseId);
        return grains.Case(caseId).LockFieldAsync(Actor, Context.ConnectionId, field);
    }

    /// <summary>Release a field lock.</summary>
    public Task ReleaseField(string caseId, string field)
    {
        RequireJoined(caseId);
        return grains.Case(caseId).ReleaseFieldAsync(Actor, field);
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var group in connections.GroupsOf(Context.ConnectionId))
        {
            await fanout.LeaveAsync(group, Context.ConnectionId);
            if (LiveGroup.Parse(group) is { Scope: LiveGroup.CaseScope, Id: var caseId })
            {
                try
                {
                    await grains.Case(caseId).LeavePresenceAsync(Context.ConnectionId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The case cannot be reached for the moment; its presence lapses by itself after 45 s of silence.
                }
            }
        }

        connections.Forget(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveAsync(string group)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        await fanout.LeaveAsync(group, Context.ConnectionId);
    }

    /// <summary>True when this connection has joined the case (which the case itself authorised).</summary>
    private bool Joined(string caseId) =>
        CaseGridIds.IsValid(caseId) && connections.GroupsOf(Context.ConnectionId).Contains(ConnectionRegistry.CaseGroup(caseId));

    /// <summary>
    /// Presence and field locks are for a case this connection has joined: checked here, before any grain is reached, so a
    /// caller cannot wake the grain of any case id it makes up.
    /// </summary>
    private void RequireJoined(string caseId)
    {
        if (!Joined(caseId))
        {
            throw Refusal(new DomainError(ErrorKind.Forbidden, "case.not-joined", "Join the case first (JoinCase)."));
        }
    }

    private static void Require(bool condition, string code, string detail)
    {
        if (!condition)
        {
            throw Refusal(new DomainError(ErrorKind.BadRequest, code, detail));
        }
    }

    /// <summary>Hub errors reach the client as "code: detail", the same codes as the REST problems.</summary>
    private static HubException Refusal(DomainError error) => new($"{error.Code}: {error.Detail}");
}
