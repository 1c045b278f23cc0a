using System.Collections.Immutable;
using System.Security.Claims;
using CaseGrid.Api.Audit;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>
/// The signed-in user's own view (domain §13): who they are to CaseGrid, what needs them, their cases, and how they are
/// told when away. Only ever the caller's own; partner systems have none.
/// </summary>
public static class MeEndpoints
{
    /// <summary>Map <c>/api/v1/me</c>.</summary>
    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization();
        me.MapGet("", WhoAsync).WithSummary("Who the caller is to CaseGrid: name, roles, the units they work at, and the cases in which they are the person.");
        me.MapGet("/work", WorkAsync).WithSummary("What needs the caller now: handovers, proposals, deadlines, escalations, date changes, consent to confirm.");
        me.MapGet("/cases", CasesAsync).WithSummary("The caller's cases (member of the group, or current or incoming at a unit they work at) with their board line; q searches the person's name.");
        me.MapGet("/notifications", NotificationsAsync).WithSummary("How the caller is told by e-mail when away.");
        me.MapPut("/notifications", SetNotificationsAsync).WithSummary("Set the caller's e-mail address and the kinds they want no mail about.");
        return me;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> WhoAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (NotAUser(user) is { } refused)
        {
            return refused;
        }

        var actor = user.ToActor();
        var profile = await grains.WorkList(actor.UserId).GetProfileAsync();
        var roles = user.Claims.Where(c => c.Type is "role" or "roles" || c.Type == ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return TypedResults.Ok(new MeResponse(
            actor.UserId,
            actor.DisplayName,
            [.. roles],
            user.IsAdmin(),
            [.. profile.Units.Select(u => new MeUnit(u.UnitId, u.Name, u.Agency, u.Municipality, u.IsLeader))],
            [.. profile.Cases.Where(c => c.Role == MemberRole.Person).Select(c => new PersonCase(c.CaseId, c.PersonName))]));
    }

    private static async Task<Results<Ok<WorkList>, ProblemHttpResult>> WorkAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (NotAUser(user) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await grains.WorkList(user.ToActor().UserId).GetAsync());
    }

    private static async Task<Results<Ok<ImmutableArray<MyCase>>, ProblemHttpResult>> CasesAsync(string? q, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit)
    {
        if (NotAUser(user) is { } refused)
        {
            return refused;
        }

        if (q is { Length: > 200 })
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "search.too-long", "Search with at most 200 characters."));
        }

        var actor = user.ToActor();
        var cases = await grains.WorkList(actor.UserId).GetCasesAsync(q);

        // The list names people: who looked whom up is on record, as for every read of case data.
        await audit.RecordAsync(actor, "me.cases", null, q is null ? $"{cases.Length} cases" : $"q={q}; {cases.Length} cases", null);
        return TypedResults.Ok(cases);
    }

    private static async Task<Results<Ok<NotificationSettings>, ProblemHttpResult>> NotificationsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (NotAUser(user) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await grains.WorkList(user.ToActor().UserId).GetNotificationsAsync());
    }

    private static async Task<Results<Ok<NotificationSettings>, ProblemHttpResult>> SetNotificationsAsync(NotificationSettings? body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (NotAUser(user) is { } refused)
        {
            return refused;
        }

        if (body is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "body.required", "A JSON body is required."));
        }

        var list = grains.WorkList(user.ToActor().UserId);
        var error = await list.SetNotificationsAsync(body);
        return error is not null ? ProblemResults.Problem(error) : TypedResults.Ok(await list.GetNotificationsAsync());
    }

    private static ProblemHttpResult? NotAUser(ClaimsPrincipal user) =>
        user.ToActor().IsSystem
            ? ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "me.not-user", "This is a person's own view; partner systems follow the feed."))
            : null;
}

/// <summary>Who the caller is to CaseGrid.</summary>
/// <param name="UserId">Their id (the token's subject).</param>
/// <param name="Name">Their name.</param>
/// <param name="Roles">The roles their token carries.</param>
/// <param name="IsAdmin">True for a system administrator, who defines units and their staff.</param>
/// <param name="Units">The units they work at.</param>
/// <param name="PersonCases">The cases in which they are the person.</param>
public sealed record MeResponse(string UserId, string Name, ImmutableArray<string> Roles, bool IsAdmin, ImmutableArray<MeUnit> Units, ImmutableArray<PersonCase> PersonCases);

/// <summary>A unit the caller works at.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Name">Its name.</param>
/// <param name="Agency">What kind of unit.</param>
/// <param name="Municipality">The municipality it lies in.</param>
/// <param name="IsLeader">True when the caller leads it.</param>
public sealed record MeUnit(string UnitId, string Name, Agency Agency, string? Municipality, bool IsLeader);

/// <summary>A case in which the caller is the person.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PersonName">The person's name as the group uses it.</param>
public sealed record PersonCase(string CaseId, string PersonName);
