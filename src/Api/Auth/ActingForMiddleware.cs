using System.Security.Claims;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Api.Auth;

/// <summary>
/// A partner system on its own (client credentials) changes a case by acting for a named user of its own unit:
/// <c>CaseGrid-Acting-For: {userId}</c>. The user must be staff of the unit the system acts for. Only changes to a case are
/// accepted this way (<c>POST</c>, <c>PUT</c>, <c>DELETE</c> under <c>/api/v1/cases/{caseId}/</c>): reads, the live hub and
/// everything else refuse the header, since reading is what the feed and webhooks are for, under the person's consent.
/// The change runs with the user's rights and must still pass what the system itself would have to: the case concerns its
/// unit and the person consented to partner systems; and, the user's roles being unknown to the system, the user counts
/// as a security function. The event log and the audit name the system as well (<c>client_id</c>). This is how a
/// municipality's case system accepts a handover, declines it or updates a measure for one of its caseworkers.
/// </summary>
public sealed class ActingForMiddleware(RequestDelegate next)
{
    /// <summary>The header naming the user a partner system acts for.</summary>
    public const string Header = "CaseGrid-Acting-For";

    /// <summary>The authentication type of the identity a request acting for a user runs with; no token can carry it.</summary>
    public const string AuthenticationType = "CaseGrid-Acting-For";

    /// <summary>The claim, in that identity, naming the unit the system acts for.</summary>
    public const string UnitClaim = "unit";

    /// <summary>Swap the system's identity for the user's, with the system kept as the client.</summary>
    public async Task InvokeAsync(HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Headers.TryGetValue(Header, out var values) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var system = context.User.ToActor();
        var userId = values.ToString();
        var refusal = !system.IsSystem ? new DomainError(ErrorKind.Forbidden, "acting-for.not-system", $"Only a partner system's own token may use {Header}.")
            : !IsCaseChange(context.Request) ? new DomainError(ErrorKind.Forbidden, "acting-for.writes-only", $"{Header} is accepted only on changes to a case (POST, PUT or DELETE under /api/v1/cases/{{caseId}}/); read through the feed and webhooks.")
            : !CaseGridIds.IsValid(userId) ? new DomainError(ErrorKind.BadRequest, "acting-for.invalid", $"{Header} must name a user id.")
            : null;
        UnitStaff? staff = null;
        if (refusal is null)
        {
            var unit = system.SystemUnitId is null ? null : await grains.Unit(system.SystemUnitId).GetAsync();
            staff = unit?.Staff.FirstOrDefault(s => s.UserId == userId);
            refusal = staff is null
                ? new DomainError(ErrorKind.Forbidden, "acting-for.not-staff", $"'{userId}' is not staff of the unit this system acts for.")
                : null;
        }

        if (refusal is not null)
        {
            await ProblemResults.Problem(refusal).ExecuteAsync(context);
            return;
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", staff!.UserId), new Claim("name", staff.DisplayName), new Claim("client_id", system.ClientId!), new Claim(UnitClaim, system.SystemUnitId!)],
            AuthenticationType, "name", "role"));
        await next(context);
    }

    /// <summary>A change to an existing case: a write below <c>/api/v1/cases/{caseId}/</c>.</summary>
    private static bool IsCaseChange(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method))
        && request.Path.StartsWithSegments("/api/v1/cases", StringComparison.OrdinalIgnoreCase, out var rest)
        && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 };
}
