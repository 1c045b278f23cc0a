using System.Collections.Immutable;

namespace CaseGrid.Contracts.Privacy;

/// <summary>
/// Consent, or an approval of who sees health details, recorded by someone other than the person on the person's word.
/// It takes effect only when the person confirms it (or a second member, neither the one who recorded it nor the one it
/// approves); until then it stands in the case, so the person sees it at once, and the person may reject it.
/// </summary>
/// <param name="RequestId">Id of the request.</param>
/// <param name="Kind">Consent or a health-details approval.</param>
/// <param name="Scopes">For consent: the scopes asked for.</param>
/// <param name="UserId">For a health-details approval: the member who would see them.</param>
/// <param name="RecordedById">Who recorded it.</param>
/// <param name="RecordedAt">When.</param>
/// <param name="Note">How and where the person said so (e.g. "Kartleggingssamtale 3. mars").</param>
/// <param name="Version">Case version of the request.</param>
/// <param name="Until">For consent given with an end date: the last day it is to be in force.</param>
[GenerateSerializer, Immutable, Alias("casegrid.PrivacyRequest")]
public sealed record PrivacyRequest(
    string RequestId, PrivacyRequestKind Kind, ImmutableArray<ConsentScope> Scopes, string? UserId, string RecordedById, DateTimeOffset RecordedAt, string? Note, long Version, DateOnly? Until = null);
