namespace CaseGrid.Api.Partners;

/// <summary>A delivery that ran out of attempts.</summary>
/// <param name="DeliveryId">The delivery, to redeliver it.</param>
/// <param name="WebhookId">Its <c>webhook-id</c>.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The event's case version.</param>
/// <param name="Position">The event's feed position.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastStatusCode">The receiver's last answer, if it answered.</param>
/// <param name="LastError">What went wrong the last time, e.g. <c>http-503</c> or <c>timeout</c>.</param>
/// <param name="FailedAt">When the last attempt failed.</param>
public sealed record DeadLetter(
    long DeliveryId, string WebhookId, string CaseId, long Version, string Position, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset? FailedAt);
