using System.Security.Claims;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Auth;

/// <summary>Reads the acting user from a verified token.</summary>
public static class ActorExtensions
{
    /// <summary>The role claim value of CaseGrid's system administrators, who define units and their leaders.</summary>
    public const string AdminRole = "casegrid-admin";

    /// <summary>The actor behind an authenticated request.</summary>
    public static ActorRef ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("An authenticated user without a subject claim.");
        var name = user.FindFirstValue("name") ?? user.FindFirstValue(ClaimTypes.Name) ?? id;
        var client = user.FindFirstValue("client_id") ?? user.FindFirstValue("azp");
        return new ActorRef(id, name, client == DevTokenIssuer.WebAppClientId ? null : client);
    }

    /// <summary>True for a CaseGrid system administrator.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) =>
        user.IsInRole(AdminRole) || user.HasClaim("role", AdminRole);
}
