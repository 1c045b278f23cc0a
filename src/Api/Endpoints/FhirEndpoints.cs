using System.Security.Claims;
using CaseGrid.Api.Audit;
using System.Text;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Fhir;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>Partner exports in FHIR R4: a case's plan for systems that speak HL7 FHIR.</summary>
public static class FhirEndpoints
{
    /// <summary>Map <c>GET /api/v1/cases/{caseId}/fhir</c>.</summary>
    public static RouteGroupBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("FHIR").RequireAuthorization();
        group.MapGet("/{caseId}/fhir", ExportAsync)
            .WithSummary("The case's plan as a FHIR R4 Bundle (collection): CarePlan, CareTeam, Goals and the need areas as Conditions.")
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, CarePlanExport.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The same read as <c>GET /api/v1/cases/{caseId}</c>: what the grain withholds from the caller stays withheld.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportAsync(string caseId, IGrainFactory grains, ClaimsPrincipal user, TimeProvider clock, AuditLog audit)
    {
        if (!CaseGridIds.IsValid(caseId))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "id.invalid", "The case id is not valid."));
        }

        var actor = user.ToActor();
        var read = await grains.Case(caseId).GetAsync(actor, null);
        await audit.RecordReadAsync(actor, "case.export-fhir", caseId, null, read.Error, read.Access);
        if (read.Error is { } error)
        {
            return ProblemResults.Problem(error);
        }

        var bundle = CarePlanExport.ToBundle(read.State!, NorwegianTime.DateOf(clock.GetUtcNow()));
        return TypedResults.Text(CarePlanExport.ToJson(bundle), CarePlanExport.MediaType, Encoding.UTF8);
    }
}
