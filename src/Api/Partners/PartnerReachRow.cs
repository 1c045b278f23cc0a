namespace CaseGrid.Api.Partners;

/// <summary>The partner index's word on one case for one system.</summary>
/// <param name="Consent">The person consented to sharing with the agencies' own systems.</param>
/// <param name="Involved">The unit the system acts for is part of the case.</param>
public sealed record PartnerReachRow(bool Consent, bool Involved);
