using CaseGrid.Contracts.Cases;

namespace CaseGrid.Api.Endpoints;

/// <summary>
/// The person's consent, whom they share with, who sees their health details, and requests to other agencies under the
/// consent to obtain information (domain §9). What the person records takes effect at once; what the coordinator records
/// on the person's word waits for the person's confirmation (or a second member's).
/// </summary>
public static class ConsentEndpoints
{
    /// <summary>Map the consent routes under <c>/api/v1/cases/{caseId}</c>.</summary>
    public static RouteGroupBuilder MapConsent(this IEndpointRouteBuilder app)
    {
        var consent = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Consent").RequireAuthorization();

        consent.MapCommand<RecordConsent>("POST", "/consent", (b, _) => b)
            .WithSummary("Record the person's consent for scopes (PlanSharing, PartnerSystems, ObtainInformation), optionally until an end date: by the person, at once; by the coordinator on the person's word, waiting for the person's confirmation.");
        consent.MapCommand<LimitSharing>("PUT", "/consent/not-shared-with", (b, _) => b)
            .WithSummary("The agencies the person does not share their plan's details with (empty: all share). Naming one more takes effect at once; sharing again is the person's own decision.");
        consent.MapCommand<RequestInformation>("POST", "/information-requests", (b, _) => b)
            .WithSummary("Ask another agency for information about the person: only under the person's consent to obtain information (ObtainInformation), in force today.");
        consent.MapCommand<WithdrawConsent>("POST", "/consent/withdraw", (b, _) => b)
            .WithSummary("Withdraw the person's consent for scopes (all when none are named); any member may record it.");
        consent.MapMethods("/health-access/{userId}", ["PUT"], (string caseId, string userId, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http, caseId, new ApproveHealthAccess(userId)))
            .WithSummary("The person approves that a member outside the health services sees their health details (the coordinator's, on the person's word, waits for the person's confirmation). Nobody approves themselves.");
        consent.MapMethods("/health-access/{userId}", ["DELETE"], (string caseId, string userId, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http, caseId, new RevokeHealthAccess(userId)))
            .WithSummary("End a member's approval to see health details.");
        consent.MapCommand("/privacy-requests/{requestId}/confirm", r => new ConfirmPrivacyRequest(r.Route("requestId")))
            .WithSummary("Confirm consent or an approval recorded on the person's word: by the person, or a second member (not who recorded it, not who it approves). It then takes effect.");
        consent.MapCommand<RejectPrivacyRequestBody>("POST", "/privacy-requests/{requestId}/reject", (b, r) => new RejectPrivacyRequest(r.Route("requestId"), b.Note))
            .WithSummary("Reject consent or an approval recorded on the person's word (the person), or take it back (who recorded it): nothing takes effect.");
        return consent;
    }
}

/// <summary>Why the person says no, if they want to say.</summary>
/// <param name="Note">A short note.</param>
public sealed record RejectPrivacyRequestBody(string? Note);
