using System.Security.Claims;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;

namespace CaseGrid.Api.Auth;

/// <summary>
/// Reads the acting user or partner system from a verified token. The claims CaseGrid reads, whichever issuer signed
/// the token: <c>sub</c>, <c>name</c>, <c>client_id</c> (or <c>azp</c>), <c>role</c>, and for partner systems on their
/// own (client credentials, role <see cref="PartnerSystemRole"/>) <c>agency</c> and <c>unit</c>.
/// </summary>
public static class ActorExtensions
{
    /// <summary>The role claim value of CaseGrid's system administrators, who define units and their leaders.</summary>
    public const string AdminRole = "casegrid-admin";

    /// <summary>A partner agency's own system acting on its own (client credentials), for the agency and unit in its token.</summary>
    public const string PartnerSystemRole = "partner-system";

    /// <summary>National administrators of the rule sets (nasjonal regelforvalter): they publish new versions of the deadline rules.</summary>
    public const string NationalAdminRole = "casegrid-rules";

    /// <summary>Auditors read the audit log, never case content.</summary>
    public const string AuditorRole = "auditor";

    /// <summary>Statisticians read the national indicators (aggregates with small numbers left out), never case content.</summary>
    public const string StatisticsRole = "statistics";

    /// <summary>Operators see the cluster dashboard, never case content.</summary>
    public const string OperatorRole = "operator";

    /// <summary>Acts for the controller (behandlingsansvarlig) on retention and erasure; reads no case content.</summary>
    public const string DataControllerRole = "data-controller";

    /// <summary>Staff of a security function: care data never reaches them (domain §9).</summary>
    public const string SecurityFunctionRole = "security-function";

    /// <summary>The actor behind an authenticated request.</summary>
    public static ActorRef ToActor(this ClaimsPrincipal user)
    {
        var client = user.FindFirstValue("client_id") ?? user.FindFirstValue("azp");
        if (user.HasRole(PartnerSystemRole))
        {
            var system = client ?? user.FindFirstValue("sub")
                ?? throw new InvalidOperationException("A partner-system token without a client id.");
            return new ActorRef(
                ActorRef.SystemPrefix + system,
                user.FindFirstValue("name") ?? system,
                system,
                Enum.TryParse<Agency>(user.FindFirstValue("agency"), ignoreCase: true, out var agency) ? agency : Agency.Other,
                user.FindFirstValue("unit"),
                SecurityFunction: user.HasRole(SecurityFunctionRole));
        }

        var id = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("An authenticated user without a subject claim.");
        var name = user.FindFirstValue("name") ?? user.FindFirstValue(ClaimTypes.Name) ?? id;

        // A partner system acting for a user cannot know the user's roles: they count as a security function, so care data
        // never reaches the system through them.
        return user.IsActingFor()
            ? new ActorRef(id, name, client, SecurityFunction: true, ActingSystemUnitId: user.FindFirstValue(ActingForMiddleware.UnitClaim))
            : new ActorRef(id, name, client, SecurityFunction: user.HasRole(SecurityFunctionRole));
    }

    /// <summary>
    /// The principal of a verified token, without its client claims when they name CaseGrid's own web app
    /// (<paramref name="webClientId"/>): from then on a client claim means a partner system stands between the user and
    /// CaseGrid. The claims are only ever removed, never added, so no token gains anything by it.
    /// </summary>
    public static ClaimsPrincipal WithoutWebClient(ClaimsPrincipal principal, string? webClientId)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrEmpty(webClientId) || principal.Identity is not ClaimsIdentity identity
            || (principal.FindFirstValue("client_id") ?? principal.FindFirstValue("azp")) != webClientId)
        {
            return principal;
        }

        var kept = identity.Claims.Where(c => c.Type is not ("client_id" or "azp"));
        return new ClaimsPrincipal(new ClaimsIdentity(kept, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }

    /// <summary>True when a partner system sent the request for a user it named (<c>CaseGrid-Acting-For</c>).</summary>
    public static bool IsActingFor(this ClaimsPrincipal user) =>
        user?.Identity?.AuthenticationType == ActingForMiddleware.AuthenticationType;

    /// <summary>True for a CaseGrid system administrator.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.HasRole(AdminRole);

    /// <summary>True for a national administrator of the rule sets.</summary>
    public static bool IsNationalAdmin(this ClaimsPrincipal user) => user.HasRole(NationalAdminRole);

    /// <summary>True when the token carries <paramref name="role"/>.</summary>
    public static bool HasRole(this ClaimsPrincipal user, string role) =>
        user.IsInRole(role) || user.HasClaim("role", role) || user.HasClaim("roles", role);
}
