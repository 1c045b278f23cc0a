using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Audit;

/// <summary>
/// The audit, for the auditor role (every read of every case) and for the person (who has seen my plan). Reading the
/// audit is itself audited.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>Map <c>GET /api/v1/audit</c> and <c>GET /api/v1/cases/{caseId}/audit</c>.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", QueryAsync).WithTags("Audit").RequireAuthorization()
            .WithSummary("Reads on record, newest first (auditor role): filter by caseId, actorId, action, from, to; page with before.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet("/api/v1/cases/{caseId}/audit", CaseAsync).WithTags("Audit").RequireAuthorization()
            .WithSummary("Who has seen this plan: every read of the case, for the person it is about and for auditors.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> QueryAsync(
        string? caseId, string? actorId, string? action, DateTimeOffset? from, DateTimeOffset? to, long? before, int? max, ClaimsPrincipal user, AuditLog audit)
    {
        if (!user.HasRole(ActorExtensions.AuditorRole))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "audit.not-auditor", "Only auditors read the audit across cases."));
        }

        if ((caseId is not null && !CaseGridIds.IsValid(caseId)) || actorId is { Length: > 200 } || action is { Length: > 100 } || max is < 1 or > AuditLog.MaxPage)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "query.invalid", $"Use a valid caseId, short actorId and action, and 1 ≤ max ≤ {AuditLog.MaxPage}."));
        }

        var query = new AuditQuery(caseId, actorId, from, to, action, before, max ?? 200);
        await audit.RecordAsync(user.ToActor(), "audit.query", caseId, $"actor={actorId} action={action} from={from:O} to={to:O}", null);
        return TypedResults.Ok(Page(await audit.QueryAsync(query)));
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> CaseAsync(
        string caseId, long? before, int? max, ClaimsPrincipal user, AuditLog audit, IGrainFactory grains)
    {
        if (!CaseGridIds.IsValid(caseId) || max is < 1 or > AuditLog.MaxPage)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "query.invalid", $"Use a valid case id and 1 ≤ max ≤ {AuditLog.MaxPage}."));
        }

        var actor = user.ToActor();
        if (!user.HasRole(ActorExtensions.AuditorRole))
        {
            var read = await grains.Case(caseId).GetAsync(actor, null);
            if (read.State?.Members.GetValueOrDefault(actor.UserId)?.Role != MemberRole.Person)
            {
                return ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "audit.not-person", "Only the person the case is about, and auditors, see who has read it."));
            }
        }

        await audit.RecordAsync(actor, "audit.case", caseId, null, null);
        return TypedResults.Ok(Page(await audit.QueryAsync(new AuditQuery(caseId, null, null, null, null, before, max ?? 200))));
    }

    private static AuditPage Page(System.Collections.Immutable.ImmutableArray<AuditEntry> entries) =>
        new(entries, entries.IsEmpty ? null : entries[^1].Id);
}

/// <summary>A page of the audit, newest first; ask again with <c>before={Next}</c> for older entries.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="Next">The id to page on from, or null when this page is empty.</param>
public sealed record AuditPage(System.Collections.Immutable.ImmutableArray<AuditEntry> Entries, long? Next);
