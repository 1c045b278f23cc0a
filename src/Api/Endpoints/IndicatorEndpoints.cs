using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Indicators;
using CaseGrid.Contracts.Units;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>The indicators of domain §12: nationally, and per unit for its staff. Aggregates only, no case data.</summary>
public static class IndicatorEndpoints
{
    /// <summary>Map <c>/api/v1/indicators</c> and <c>/api/v1/units/{unitId}/indicators</c>.</summary>
    public static RouteGroupBuilder MapIndicators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Indicators").RequireAuthorization();
        group.MapGet("/indicators", NationalAsync)
            .WithSummary("National indicators computed from every case's event log (refreshed every few minutes), for the statistics role; counts of 1–4 are left out.");
        group.MapGet("/units/{unitId}/indicators", UnitAsync)
            .WithSummary("A unit's indicators (cases it held or received), for its staff; counts of 1–4 are left out.");
        return group;
    }

    private static async Task<Results<Ok<IndicatorReport>, ProblemHttpResult>> NationalAsync(IGrainFactory grains, ClaimsPrincipal user) =>
        user.HasRole(ActorExtensions.StatisticsRole)
            ? TypedResults.Ok(await grains.GetGrain<IIndicatorGrain>(IIndicatorGrain.National).GetAsync())
            : ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "indicators.not-statistics", $"The national indicators are for the role '{ActorExtensions.StatisticsRole}'."));

    private static async Task<Results<Ok<IndicatorReport>, ProblemHttpResult>> UnitAsync(string unitId, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!CaseGridIds.IsValid(unitId))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "id.invalid", "The unit id is not valid."));
        }

        var resolution = await grains.Unit(unitId).ResolveAsync(user.ToActor().UserId);
        if (resolution.Info is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.NotFound, "unit.not-found", $"No unit '{unitId}'."));
        }

        // Staff only: an administrator defines units and manages their staff, and reads none of their figures.
        return resolution.IsStaff
            ? TypedResults.Ok(await grains.GetGrain<IIndicatorGrain>(unitId).GetAsync())
            : ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "unit.not-staff", "A unit's indicators are for its staff."));
    }
}
