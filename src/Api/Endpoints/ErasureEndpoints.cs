using System.Security.Claims;
using CaseGrid.Api.Audit;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>Erasure of a closed case by the controller (docs/retention.md): its data key is destroyed, and with it every event.</summary>
public static class ErasureEndpoints
{
    /// <summary>Map <c>POST /api/v1/cases/{caseId}/erasure</c>.</summary>
    public static RouteHandlerBuilder MapErasure(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/cases/{caseId}/erasure", EraseAsync).WithTags("Cases").RequireAuthorization()
            .WithSummary("Erase a closed case for good (role data-controller): nothing of it can be read afterwards, by anyone.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(string caseId, ErasureRequest? body, IGrainFactory grains, ClaimsPrincipal user, AuditLog audit)
    {
        if (!CaseGridIds.IsValid(caseId) || body?.Reason is not { } reason || !Enum.IsDefined(reason))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "erasure.invalid", "Use a valid case id and a reason: RetentionExpired, PersonRequest or RegisteredInError."));
        }

        var actor = user.ToActor();
        if (!user.HasRole(ActorExtensions.DataControllerRole) || actor.IsSystem)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "erasure.not-controller", "Only the controller's data-controller role erases a case."));
        }

        var refused = await grains.Case(caseId).EraseAsync(actor, reason);
        await audit.RecordAsync(actor, "case.erase", caseId, reason.ToString(), refused is null ? null : "Refused");
        return refused is { } error ? ProblemResults.Problem(error) : TypedResults.NoContent();
    }
}
