using CaseGrid.Contracts.Cases;

namespace CaseGrid.Api.Endpoints;

/// <summary>The person's consent, whom they share with, who sees their health details, and requests to other agencies under the consent to obtain information (domain §9).</summary>
public static class ConsentEndpoints
{
    /// <summary>Map the consent routes under <c>/api/v1/cases/{caseId}</c>.</summary>
    public static RouteGroupBuilder MapConsent(this IEndpointRouteBuilder app)
    {
        var consent = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Consent").RequireAuthorization();

        consent.MapCommand<RecordConsent>("POST", "/consent", (b, _) => b)
            .WithSummary("Record the person's consent for scopes (PlanSharing, PartnerSystems, ObtainInformation), optionally until an end date: by the person, or the coordinator on the person's word.");
        consent.MapCommand<LimitSharing>("PUT", "/consent/not-shared-with", (b, _) => b)
            .WithSummary("The agencies the person does not share their plan's details with (empty: all share). Naming one more takes effect at once; sharing again is the person's own decision.");
        consent.MapCommand<RequestInformation>("POST", "/information-requests", (b, _) => b)
            .WithSummary("Ask another agency for information about the person: only under the person's consent to obtain information (ObtainInformation), in force today.");
        consent.MapCommand<WithdrawConsent>("POST", "/consent/withdraw", (b, _) => b)
            .WithSummary("Withdraw the person's consent for scopes (all when none are named); any member may record it.");
        consent.MapMethods("/health-access/{userId}", ["PUT"], (string caseId, string userId, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http.User, caseId, new ApproveHealthAccess(userId)))
            .WithSummary("The person approves that a member outside the health services sees their health details.");
        consent.MapMethods("/health-access/{userId}", ["DELETE"], (string caseId, string userId, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http.User, caseId, new RevokeHealthAccess(userId)))
            .WithSummary("End a member's approval to see health details.");
        return consent;
    }
}
