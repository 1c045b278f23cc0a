using System.Collections.Immutable;
using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>Units (prisons, friomsorg offices, municipalities, NAV offices): definition, staff, and their cases.</summary>
public static class UnitEndpoints
{
    /// <summary>Map <c>/api/v1/units</c>.</summary>
    public static RouteGroupBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/units").WithTags("Units").RequireAuthorization();
        units.MapPut("/{unitId}", DefineAsync).WithSummary("Define a unit, with its kind and municipality (system administrators).");
        units.MapGet("/{unitId}", GetAsync).WithSummary("The unit with its staff and cases, for its staff; administrators get it without its cases.");
        units.MapGet("/{unitId}/cases", CasesAsync).WithSummary("The unit's current and incoming cases, for its staff.");
        units.MapPut("/{unitId}/staff/{userId}", SetStaffAsync).WithSummary("Add or change a staff member (administrators and the unit's leaders).");
        units.MapDelete("/{unitId}/staff/{userId}", RemoveStaffAsync).WithSummary("Remove a staff member (administrators and the unit's leaders).");
        return units;
    }

    private static async Task<Results<Ok<UnitInfo>, ProblemHttpResult>> DefineAsync(string unitId, DefineUnitRequest? body, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!user.IsAdmin())
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "unit.not-admin", "Only system administrators define units."));
        }

        if (!CaseGridIds.IsValid(unitId) || body is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "unit.invalid", "A valid unit id and a body with name and agency are required."));
        }

        var unit = grains.Unit(unitId);
        var error = await unit.DefineAsync(body.Name, body.Agency, body.Municipality);
        return error is not null ? ProblemResults.Problem(error) : TypedResults.Ok((await unit.GetInfoAsync())!);
    }

    private static async Task<Results<Ok<UnitView>, ProblemHttpResult>> GetAsync(string unitId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var (refused, staff) = await StaffOrAdminAsync(unitId, grains, user);
        return refused ?? (Results<Ok<UnitView>, ProblemHttpResult>)TypedResults.Ok(await ViewAsync(grains.Unit(unitId), staff));
    }

    private static async Task<Results<Ok<ImmutableArray<UnitCaseEntry>>, ProblemHttpResult>> CasesAsync(string unitId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var (refused, staff) = await StaffOrAdminAsync(unitId, grains, user);
        if (refused is not null || !staff)
        {
            return refused ?? ProblemResults.Problem(NotStaff);
        }

        return TypedResults.Ok(await grains.Unit(unitId).GetCasesAsync());
    }

    private static async Task<Results<Ok<UnitView>, ProblemHttpResult>> SetStaffAsync(string unitId, string userId, SetStaffRequest? body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var refused = await LeaderOnlyAsync(unitId, grains, user);
        if (refused is not null)
        {
            return refused;
        }

        if (body is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "body.required", "A JSON body is required."));
        }

        var unit = grains.Unit(unitId);
        var error = await unit.SetStaffAsync(new UnitStaff(userId, body.DisplayName, body.IsLeader, body.Email));
        return error is not null ? ProblemResults.Problem(error) : TypedResults.Ok(await ViewAsync(unit, (await unit.ResolveAsync(user.ToActor().UserId)).IsStaff));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveStaffAsync(string unitId, string userId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var refused = await LeaderOnlyAsync(unitId, grains, user);
        if (refused is not null)
        {
            return refused;
        }

        var error = await grains.Unit(unitId).RemoveStaffAsync(userId);
        return error is not null ? ProblemResults.Problem(error) : TypedResults.NoContent();
    }

    /// <summary>Staff read a unit's cases; administrators, who define units and manage their staff, never do.</summary>
    private static readonly DomainError NotStaff = new(ErrorKind.Forbidden, "unit.not-staff", "Only the unit's staff see its cases.");

    /// <summary>Null and whether the user is staff when they are staff or an administrator; otherwise the refusal.</summary>
    private static async Task<(ProblemHttpResult? Refused, bool Staff)> StaffOrAdminAsync(string unitId, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!CaseGridIds.IsValid(unitId))
        {
            return (ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "id.invalid", "The unit id is not valid.")), false);
        }

        var resolution = await grains.Unit(unitId).ResolveAsync(user.ToActor().UserId);
        if (resolution.Info is null)
        {
            return (ProblemResults.Problem(new DomainError(ErrorKind.NotFound, "unit.not-found", $"No unit '{unitId}'.")), false);
        }

        return resolution.IsStaff || user.IsAdmin() ? (null, resolution.IsStaff) : (ProblemResults.Problem(NotStaff), false);
    }

    /// <summary>The unit with its staff, and its cases only for its staff.</summary>
    private static async Task<UnitView> ViewAsync(IUnitGrain unit, bool staff)
    {
        var view = (await unit.GetAsync())!;
        return staff ? view : view with { Cases = [] };
    }

    private static async Task<ProblemHttpResult?> LeaderOnlyAsync(string unitId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var (refused, _) = await StaffOrAdminAsync(unitId, grains, user);
        if (refused is not null)
        {
            return refused;
        }

        var resolution = await grains.Unit(unitId).ResolveAsync(user.ToActor().UserId);
        return resolution.IsLeader || user.IsAdmin()
            ? null
            : ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "unit.not-leader", "Only the unit's leaders and administrators manage its staff."));
    }
}

/// <summary>Define a unit.</summary>
/// <param name="Name">Its name, e.g. <c>Bergen kommune, boligkontoret</c>.</param>
/// <param name="Agency">What kind of unit: Prison, Friomsorg, Municipality, Nav, Health, School, Ngo, Other.</param>
/// <param name="Municipality">The municipality it lies in, e.g. <c>Bergen</c>.</param>
public sealed record DefineUnitRequest(string Name, Agency Agency, string? Municipality = null);

/// <summary>A staff member's details.</summary>
/// <param name="DisplayName">Their name.</param>
/// <param name="IsLeader">True for a leader, who receives escalations and may override responsibility.</param>
/// <param name="Email">Where CaseGrid mails them when something needs them and they are away (optional).</param>
public sealed record SetStaffRequest(string DisplayName, bool IsLeader, string? Email = null);
