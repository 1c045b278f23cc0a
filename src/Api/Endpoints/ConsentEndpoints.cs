using CaseGrid.Contracts.Cases;

namespace CaseGrid.Api.Endpoints;

/// <summary>The person's consent and who sees their health details (domain §9). Every change takes effect at once.</summary>
public static class ConsentEndpoints
{
    /// <summary>Map the consent routes under <c>/api/v1/cases/{caseId}</c>.</summary>
    public static RouteGroupBuilder MapConsent(this IEndpointRouteBuilder app)
    {
        var consent = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Consent").RequireAuthorization();

        consent.MapCommand<RecordConsent>("POST", "/consent", (b, _) => b)
            .WithSummary("Record the person's consent for scopes (PlanSharing, PartnerSystems): by the person, or the coordinator on the person's word.");
        consent.MapCommand<WithdrawConsent>("POST", "/consent/withdraw", (b, _) => b)
            .WithSummary("Withdraw the person's consent for scopes (all when none are named); any member may record it.");
        consent.MapMethods("/health-access/{userId}", ["PUT"], (string caseId, string userId, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http, caseId, new ApproveHealthAccess(userId)))
            .WithSummary("The person approves that a member outside the health services sees their health details.");
        consent.MapMethods("/health-access/{userId}", ["DELETE"], (string caseId, string userId, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http, caseId, new RevokeHealthAccess(userId)))
            .WithSummary("End a member's approval to see health details.");
        return consent;
    }
}
