using CaseGrid.Contracts.Cases;

namespace CaseGrid.Api.Endpoints;

/// <summary>The handover protocol: offer, accept, decline, complete, withdraw, and a leader's override.</summary>
public static class HandoverEndpoints
{
    /// <summary>Map the handover routes under <c>/api/v1/cases/{caseId}</c>.</summary>
    public static RouteGroupBuilder MapHandovers(this IEndpointRouteBuilder app)
    {
        var handovers = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Handovers").RequireAuthorization();
        handovers.MapCommand<OfferHandover>("POST", "/handovers", (b, _) => b)
            .WithSummary("Offer a need area or the coordinator role to a unit or a named person there.");
        handovers.MapCommand("/handovers/{handoverId}/accept", r => new AcceptHandover(r.Route("handoverId")))
            .WithSummary("Accept a handover to you or your unit; from now on you and the sender are both responsible.");
        handovers.MapCommand<ReasonRequest>("POST", "/handovers/{handoverId}/decline", (b, r) => new DeclineHandover(r.Route("handoverId"), b.Reason))
            .WithSummary("Decline a handover with a reason; the sender stays owner and the case is escalated.");
        handovers.MapCommand("/handovers/{handoverId}/complete", r => new CompleteHandover(r.Route("handoverId")))
            .WithSummary("Complete an accepted handover once the overlap holds and the planned date has come.");
        handovers.MapCommand<ReasonRequest>("POST", "/handovers/{handoverId}/withdraw", (b, r) => new WithdrawHandover(r.Route("handoverId"), b.Reason))
            .WithSummary("Withdraw your offer with a reason.");
        handovers.MapCommand<OverrideRequest>("POST", "/responsibilities/{subject}/override", (b, r) => new OverrideResponsibility(r.Route("subject"), b.ToUserId, b.Reason))
            .WithSummary("A unit leader moves a responsibility directly, with a reason.");
        handovers.MapCommand<NoteRequest>("POST", "/escalations/{escalationId}/resolve", (b, r) => new ResolveEscalation(r.Route("escalationId"), b.Note))
            .WithSummary("A leader of the unit an escalation went to records it as handled, with what was done.");
        return handovers;
    }
}

/// <summary>A reason.</summary>
public sealed record ReasonRequest(string Reason);

/// <summary>A note of what was done.</summary>
public sealed record NoteRequest(string Note);

/// <summary>A leader's override.</summary>
public sealed record OverrideRequest(string ToUserId, string Reason);
