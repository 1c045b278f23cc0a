using CaseGrid.Api.Audit;
using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>Time: deadlines and readiness, milestones, acknowledging date changes, release exceptions, the first-days list.</summary>
public static class TimeEndpoints
{
    /// <summary>Map the time routes under <c>/api/v1/cases/{caseId}</c>.</summary>
    public static RouteGroupBuilder MapTime(this IEndpointRouteBuilder app)
    {
        var time = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Time").RequireAuthorization();
        time.MapGet("/time", GetAsync).WithSummary("Deadlines (each with its rule, rule-set version and reason) and release readiness, as of today.");
        time.MapCommand<RecordMilestone>("POST", "/milestones", (b, _) => b).WithSummary("Record that a milestone happened (needs conversation, municipality contacted, …).");
        time.MapCommand<AcknowledgeKeyDates>("POST", "/dates/acknowledge", (b, _) => b).WithSummary("Acknowledge the key dates as they now stand.");
        time.MapCommand<RecordReleaseException>("POST", "/release-exceptions", (b, _) => b).WithSummary("Record why a critical need area may be without an owner outside the prison at release.");
        time.MapCommand<UpdateFirstDaysItem>("PUT", "/first-days/{itemId}", (b, r) => b with { ItemId = r.Route("itemId") }).WithSummary("Tick off an item of the first-days list.");
        return time;
    }

    private static async Task<Results<Ok<CaseTimeView>, ProblemHttpResult>> GetAsync(string caseId, IGrainFactory grains, ClaimsPrincipal user, AuditLog audit)
    {
        if (!CaseGridIds.IsValid(caseId))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "id.invalid", "The case id is not valid."));
        }

        var actor = user.ToActor();
        var view = await grains.Case(caseId).GetTimeAsync(actor);
        await audit.RecordReadAsync(actor, "case.time", caseId, null, view.Error);
        return view.Error is { } error ? ProblemResults.Problem(error) : TypedResults.Ok(view);
    }
}
