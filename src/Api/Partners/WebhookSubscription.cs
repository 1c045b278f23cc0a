using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;

namespace CaseGrid.Api.Partners;

/// <summary>A partner system's webhook subscription, as the dispatcher works on it.</summary>
/// <param name="Id">The subscription.</param>
/// <param name="ClientId">The partner system it belongs to.</param>
/// <param name="DisplayName">The system's name.</param>
/// <param name="Agency">The agency the system acts for.</param>
/// <param name="UnitId">The unit the system acts for.</param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="Secret">The signing secret.</param>
/// <param name="Cursor">The feed position up to which deliveries are queued.</param>
/// <param name="SecurityFunction">Whether the system's token said it works in a security function; null for a subscription stored before that was kept.</param>
public sealed record WebhookSubscription(
    string Id, string ClientId, string DisplayName, Agency Agency, string? UnitId, string Url, string Secret, FeedPosition Cursor, bool? SecurityFunction)
{
    /// <summary>
    /// The system as it acts when its deliveries are read from the feed: as it was when it subscribed. Where nobody knows
    /// whether it works in a security function, it counts as one: absent role information never widens access.
    /// </summary>
    public ActorRef Actor => new(ActorRef.SystemPrefix + ClientId, DisplayName, ClientId, Agency, UnitId, SecurityFunction ?? true);

    /// <summary>Never shows the secret.</summary>
    public override string ToString() => $"WebhookSubscription {{ Id = {Id}, ClientId = {ClientId} }}";

    /// <summary>The <c>webhook-id</c> of an event: the same for every attempt, so a receiver can tell a repeat.</summary>
    public static string MessageId(string caseId, long version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{caseId}:{version}");
}
