using System.Collections.Immutable;
using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Directory;
using CaseGrid.Contracts.Groups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>
/// The directory: pick units by kind, municipality and name, a unit's staff, and people by name — so no screen or
/// request needs an id typed by hand. For staff of any unit and administrators; never partner systems or the person.
/// </summary>
public static class DirectoryEndpoints
{
    private const int MaxResults = 200;
    private const int MaxSearch = 200;

    /// <summary>Map <c>/api/v1/directory</c>.</summary>
    public static RouteGroupBuilder MapDirectory(this IEndpointRouteBuilder app)
    {
        var directory = app.MapGroup("/api/v1/directory").WithTags("Directory").RequireAuthorization();
        directory.MapGet("/units", UnitsAsync).WithSummary("Units by kind (agency), municipality and any part of the name, by name.");
        directory.MapGet("/units/{unitId}/staff", StaffAsync).WithSummary("Who works at a unit, and who leads it.");
        directory.MapGet("/people", PeopleAsync).WithSummary("Staff by any part of the name (without accents), with their units.");
        return directory;
    }

    private static async Task<Results<Ok<ImmutableArray<DirectoryUnit>>, ProblemHttpResult>> UnitsAsync(string? agency, string? municipality, string? q, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RefusedAsync(user, grains) is { } refused)
        {
            return refused;
        }

        Agency? kind = null;
        if (!string.IsNullOrEmpty(agency))
        {
            if (!Enum.TryParse<Agency>(agency, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || parsed == Agency.Person)
            {
                return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "directory.agency-invalid", "agency is one of Prison, Friomsorg, Municipality, Nav, Health, School, Ngo, Other."));
            }

            kind = parsed;
        }

        return TooLong(municipality, q) ?? (Results<Ok<ImmutableArray<DirectoryUnit>>, ProblemHttpResult>)TypedResults.Ok(await grains.Directory().FindUnitsAsync(kind, municipality, q, MaxResults));
    }

    private static async Task<Results<Ok<ImmutableArray<DirectoryStaff>>, ProblemHttpResult>> StaffAsync(string unitId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RefusedAsync(user, grains) is { } refused)
        {
            return refused;
        }

        if (!CaseGridIds.IsValid(unitId))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "id.invalid", "The unit id is not valid."));
        }

        var unit = await grains.Unit(unitId).GetAsync();
        return unit is null
            ? ProblemResults.Problem(new DomainError(ErrorKind.NotFound, "unit.not-found", $"No unit '{unitId}'."))
            : TypedResults.Ok<ImmutableArray<DirectoryStaff>>([.. unit.Staff.Select(s => new DirectoryStaff(s.UserId, s.DisplayName, s.IsLeader))]);
    }

    private static async Task<Results<Ok<ImmutableArray<DirectoryPerson>>, ProblemHttpResult>> PeopleAsync(string? q, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RefusedAsync(user, grains) is { } refused)
        {
            return refused;
        }

        return TooLong(q) ?? (Results<Ok<ImmutableArray<DirectoryPerson>>, ProblemHttpResult>)TypedResults.Ok(await grains.Directory().FindPeopleAsync(q, MaxResults));
    }

    /// <summary>Staff of some unit (as the directory knows them) and administrators may look; no one else.</summary>
    private static async Task<ProblemHttpResult?> RefusedAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var actor = user.ToActor();
        if (actor.IsSystem)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "directory.not-staff", "The directory is for the staff of the units, not for partner systems."));
        }

        return user.IsAdmin() || !(await grains.Directory().UnitsOfAsync(actor.UserId)).IsEmpty
            ? null
            : ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "directory.not-staff", "The directory is for the staff of the units and administrators."));
    }

    private static ProblemHttpResult? TooLong(params string?[] texts) =>
        texts.Any(t => t is { Length: > MaxSearch }) ? ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "search.too-long", $"Search with at most {MaxSearch} characters.")) : null;
}
