using System.Security.Claims;
using CaseGrid.Api.Audit;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>Cases: open, read (now or at an earlier version), the event log, key dates, phase, unit and home municipality.</summary>
public static class CaseEndpoints
{
    private const int DefaultPage = 200;

    /// <summary>Map <c>/api/v1/cases</c>.</summary>
    public static RouteGroupBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization();

        group.MapPost("/", OpenAsync).WithSummary("Open a case at your unit; you become its coordinator.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status504GatewayTimeout);
        group.MapPut("/{caseId}", OpenNamedAsync).WithSummary("Open a case under an id of your choosing (e.g. a partner's own case number); 409 when it exists.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status504GatewayTimeout);
        group.MapGet("/{caseId}", GetAsync)
            .WithSummary("The case as it stands, or as it stood at ?atVersion=; ?view=presentation for a screen shared in a meeting (only what every member may see).");
        group.MapGet("/{caseId}/events", EventsAsync).WithSummary("The case's events after ?after= (a version), oldest first.");

        group.MapCommand<SetKeyDates>("PUT", "/{caseId}/dates", (b, _) => b).WithSummary("Set the key dates (null = unknown).");
        group.MapCommand<ChangePhase>("PUT", "/{caseId}/phase", (b, _) => b).WithSummary("Move the case to another phase.");
        group.MapCommand<MoveCase>("PUT", "/{caseId}/unit", (b, _) => b).WithSummary("Transfer the case to another unit.");
        group.MapCommand<SetHomeMunicipality>("PUT", "/{caseId}/home", (b, _) => b).WithSummary("Record the receiving municipality and any dispute.");
        return group;
    }

    private static async Task<Results<Created<CommandResponse>, ProblemHttpResult>> OpenAsync(OpenCase? body, IGrainFactory grains, HttpContext http)
    {
        if (body is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "body.required", "A JSON body is required."));
        }

        // With an Idempotency-Key the new case's id follows from it, so a retry after an unknown outcome reaches the
        // same case, which opens at most once.
        var key = IdempotencyMiddleware.KeyOf(http.Request);
        var caseId = key is null ? CaseGridIds.New("case") : $"case-{IdempotencyStore.Hash($"{IdempotencyStore.Caller(http.User.ToActor())}\n{key}", [])[..12].ToLowerInvariant()}";
        return await OpenUnderAsync(caseId, body, grains, http);
    }

    private static async Task<Results<Created<CommandResponse>, ProblemHttpResult>> OpenNamedAsync(string caseId, OpenCase? body, IGrainFactory grains, HttpContext http)
    {
        if (!CaseGridIds.IsValid(caseId) || body is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, body is null ? "body.required" : "id.invalid", body is null ? "A JSON body is required." : "The case id is not valid."));
        }

        return await OpenUnderAsync(caseId, body, grains, http);
    }

    /// <summary>Open the case; a request's Idempotency-Key goes with it as its command id, so a retry opens it at most once.</summary>
    private static async Task<Results<Created<CommandResponse>, ProblemHttpResult>> OpenUnderAsync(string caseId, OpenCase body, IGrainFactory grains, HttpContext http)
    {
        var result = await CaseGridTelemetry.ExecuteAsync(grains.Case(caseId), body, http.User.ToActor(), CaseGridTelemetry.RestChannel, IdempotencyMiddleware.KeyOf(http.Request));
        return result.Error is { } error
            ? ProblemResults.Problem(error)
            : TypedResults.Created($"/api/v1/cases/{caseId}", new CommandResponse(result.Version, result.Events));
    }

    private static async Task<Results<Ok<CaseState>, ProblemHttpResult>> GetAsync(string caseId, long? atVersion, string? view, IGrainFactory grains, ClaimsPrincipal user, AuditLog audit)
    {
        if (!CaseGridIds.IsValid(caseId) || view is not (null or "presentation") || (view is not null && atVersion is not null))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "query.invalid", "Use a valid case id, and either ?atVersion= or ?view=presentation."));
        }

        var grain = grains.Case(caseId);
        var actor = user.ToActor();
        var read = view is null ? await grain.GetAsync(actor, atVersion) : await grain.GetPresentationAsync(actor);
        await audit.RecordReadAsync(actor, view is null ? "case.read" : "case.read-presentation", caseId, atVersion is null ? null : $"version {atVersion}", read.Error, read.Access);
        return read.Error is { } error ? ProblemResults.Problem(error) : TypedResults.Ok(read.State!);
    }

    private static async Task<Results<Ok<CaseEventsPage>, ProblemHttpResult>> EventsAsync(string caseId, long? after, int? max, IGrainFactory grains, ClaimsPrincipal user, AuditLog audit)
    {
        if (!CaseGridIds.IsValid(caseId) || after < 0 || max is < 1 or > 1000)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "query.invalid", "Use a valid case id, after ≥ 0 and 1 ≤ max ≤ 1000."));
        }

        var actor = user.ToActor();
        var page = await grains.Case(caseId).GetEventsAsync(actor, after ?? 0, max ?? DefaultPage);
        await audit.RecordReadAsync(actor, "case.events", caseId, $"after {after ?? 0}", page.Error, page.Access);
        return page.Error is { } error ? ProblemResults.Problem(error) : TypedResults.Ok(page);
    }
}
