using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>The ansvarsgruppe: members, deputies, meetings and contacts.</summary>
public static class GroupEndpoints
{
    /// <summary>Map the member routes under <c>/api/v1/cases/{caseId}</c> and <c>/api/v1/groups</c>.</summary>
    public static RouteGroupBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Ansvarsgruppe").RequireAuthorization();
        cases.MapCommand<AddMember>("POST", "/members", (b, _) => b).WithSummary("Add a member to the ansvarsgruppe.");
        cases.MapCommand<EndMembershipRequest>("POST", "/members/{userId}/end", (b, r) => new EndMembership(r.Route("userId"), b.Until))
            .WithSummary("End a membership; refused while the member holds a responsibility.");
        cases.MapCommand<SetDeputyRequest>("PUT", "/members/{userId}/deputy", (b, r) => new SetDeputy(r.Route("userId"), b.DeputyUserId))
            .WithSummary("Set or clear a member's deputy.");
        cases.MapCommand<RecordEncounter>("POST", "/encounters", (b, _) => b).WithSummary("Record a group meeting or a contact with the person.");

        var groups = app.MapGroup("/api/v1/groups").WithTags("Ansvarsgruppe").RequireAuthorization();
        groups.MapGet("/{groupId}", GetAsync).WithSummary("The group's roster, for its active members.");
        return groups;
    }

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> GetAsync(string groupId, IGrainFactory grains, ClaimsPrincipal user, TimeProvider clock)
    {
        var view = CaseGridIds.IsValid(groupId) ? await grains.GetGrain<IAnsvarsgruppeGrain>(groupId).GetAsync() : null;
        if (view is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.NotFound, "group.not-found", $"No ansvarsgruppe '{groupId}'."));
        }

        var today = NorwegianTime.DateOf(clock.GetUtcNow());
        var actor = user.ToActor().UserId;
        return view.Members.Any(m => m.UserId == actor && m.IsActiveOn(today))
            ? TypedResults.Ok(view)
            : ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "group.not-member", "Only active members see the group's roster."));
    }
}

/// <summary>When a membership ends.</summary>
/// <param name="Until">The first day the member is no longer a member (today when null).</param>
public sealed record EndMembershipRequest(DateOnly? Until);

/// <summary>A member's deputy.</summary>
/// <param name="DeputyUserId">The deputy, or null to clear.</param>
public sealed record SetDeputyRequest(string? DeputyUserId);
