using System.Security.Claims;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Api.Auth;

/// <summary>
/// A partner system on its own (client credentials) changes a case by acting for a named user of its own unit:
/// <c>CaseGrid-Acting-For: {userId}</c>. The user must be staff of the unit the system acts for; the request then runs
/// with that user's rights, and the event log and the audit name the system as well (<c>client_id</c>). This is how a
/// municipality's case system accepts a handover, declines it or updates a measure for one of its caseworkers.
/// </summary>
public sealed class ActingForMiddleware(RequestDelegate next)
{
    /// <summary>The header naming the user a partner system acts for.</summary>
    public const string Header = "CaseGrid-Acting-For";

    /// <summary>The authentication type of the identity a request acting for a user runs with; no token can carry it.</summary>
    public const string AuthenticationType = "CaseGrid-Acting-For";

    /// <summary>Swap the system's identity for the user's, with the system kept as the client.</summary>
    public async Task InvokeAsync(HttpContext context, IGrainFactory grains)
    {
        if (!context.Request.Headers.TryGetValue(Header, out var values) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var system = context.User.ToActor();
        var userId = values.ToString();
        var refusal = !system.IsSystem ? new DomainError(ErrorKind.Forbidden, "acting-for.not-system", $"Only a partner system's own token may use {Header}.")
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
            [new Claim("sub", staff!.UserId), new Claim("name", staff.DisplayName), new Claim("client_id", system.ClientId!)],
            AuthenticationType, "name", "role"));
        await next(context);
    }
}
