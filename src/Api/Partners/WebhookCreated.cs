namespace CaseGrid.Api.Partners;

/// <summary>A new subscription, with its signing secret: shown this once.</summary>
/// <param name="Id">The subscription.</param>
/// <param name="Url">Where deliveries go.</param>
/// <param name="Secret">The signing secret (<c>whsec_…</c>); keep it, it is not shown again.</param>
/// <param name="Position">Deliveries start after this feed position.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record WebhookCreated(string Id, string Url, string Secret, string Position, DateTimeOffset CreatedAt);
