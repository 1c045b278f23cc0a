namespace CaseGrid.Api.Partners;

/// <summary>A subscription as its system sees it (without the secret).</summary>
/// <param name="Id">The subscription.</param>
/// <param name="Url">Where deliveries go.</param>
/// <param name="Position">The feed position up to which deliveries are queued.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Pending">Deliveries waiting to be sent or retried.</param>
/// <param name="DeadLetters">Deliveries that ran out of attempts.</param>
public sealed record WebhookView(string Id, string Url, string Position, DateTimeOffset CreatedAt, long Pending, long DeadLetters);
