using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Webhook subscriptions and their delivery queues (PostgreSQL or Azure Storage). Everything a system asks for is
/// filtered by its client id and the unit its token acts for: a system sees and changes only its own subscriptions, made
/// for that unit. Signing secrets are stored sealed under the master key, bound to their subscription. A subscription is
/// worked by one host at a time under a lease; each event is queued once per subscription (by its feed position), and
/// every change to a delivery applies only while it is pending.
/// </summary>
public interface IWebhookStore
{
    /// <summary>A new subscription for <paramref name="system"/>, or null when it has <paramref name="limit"/> already.</summary>
    Task<WebhookCreated?> CreateAsync(ActorRef system, string url, FeedPosition after, int limit, CancellationToken cancellationToken);

    /// <summary>The system's subscriptions for the unit it acts for, oldest first.</summary>
    Task<IReadOnlyList<WebhookView>> ListAsync(ActorRef system, CancellationToken cancellationToken);

    /// <summary>Delete one of the system's subscriptions and its queue; false when it has no such subscription.</summary>
    Task<bool> DeleteAsync(ActorRef system, string id, CancellationToken cancellationToken);

    /// <summary>The dead letters of one of the system's subscriptions, oldest first; null when it has no such subscription.</summary>
    Task<IReadOnlyList<DeadLetter>?> DeadLettersAsync(ActorRef system, string id, CancellationToken cancellationToken);

    /// <summary>Put a dead letter back in its subscription's queue with a fresh set of attempts; false when there is no such dead letter.</summary>
    Task<bool> RedeliverAsync(ActorRef system, string id, long deliveryId, CancellationToken cancellationToken);

    /// <summary>Lease up to <paramref name="max"/> subscriptions no other host holds, the longest unvisited first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ClaimAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Give up a lease this host holds.</summary>
    Task<bool> ReleaseAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Queue a delivery of each event (once per subscription and feed position) and move the subscription's cursor to
    /// <paramref name="next"/>; the cursor does not move when this host no longer holds the lease.
    /// </summary>
    Task<bool> EnqueueAsync(string id, string owner, IReadOnlyList<FeedEvent> events, FeedPosition next, CancellationToken cancellationToken);

    /// <summary>The subscription's oldest pending delivery in feed order, due or not; null when none is pending.</summary>
    Task<PendingDelivery?> HeadAsync(string id, CancellationToken cancellationToken);

    /// <summary>The receiver took the delivery.</summary>
    Task<bool> DeliveredAsync(string subscriptionId, long deliveryId, int statusCode, CancellationToken cancellationToken);

    /// <summary>An attempt failed: the delivery waits <paramref name="retryAfter"/>, or becomes a dead letter when <paramref name="dead"/>.</summary>
    Task<bool> FailedAsync(string subscriptionId, long deliveryId, int? statusCode, string error, bool dead, TimeSpan retryAfter, CancellationToken cancellationToken);

    /// <summary>The system may no longer read the event's case: the delivery is not made.</summary>
    Task<bool> WithheldAsync(string subscriptionId, long deliveryId, string reason, CancellationToken cancellationToken);

    /// <summary>Forget deliveries that were made or withheld more than <paramref name="age"/> ago.</summary>
    Task<bool> ForgetFinishedAsync(TimeSpan age, CancellationToken cancellationToken);
}
