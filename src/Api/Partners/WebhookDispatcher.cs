using System.Net.Http.Headers;
using System.Text.Json;
using CaseGrid.Api.Infrastructure.Outbox;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Sends partner systems' webhooks. Each round it leases subscriptions no other host holds, queues a delivery for each
/// new event the system may see in its feed, and sends the queue in feed order: while the oldest delivery backs off
/// after a failure, the later ones wait, so a receiver that comes back gets everything in order. Safe with any number
/// of API hosts: a subscription is worked by one host at a time, and its queue is in PostgreSQL.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookStore store,
    FeedReader feed,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    IOptions<JsonOptions> json,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : OutboxDispatcher<WebhookOptions>(options.Value, clock, logger)
{
    /// <summary>The named <see cref="HttpClient"/> deliveries are sent with.</summary>
    public const string HttpClientName = "CaseGrid.Webhooks";

    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);

    private DateTimeOffset _nextCleanup;

    /// <inheritdoc />
    protected override Task<bool> RunRoundAsync(CancellationToken stoppingToken) => RunRoundAsync(Options, stoppingToken);

    /// <summary>One round: lease subscriptions and work on each; true when anything was queued or sent.</summary>
    private async Task<bool> RunRoundAsync(WebhookOptions o, CancellationToken stoppingToken)
    {
        if (Clock.GetUtcNow() >= _nextCleanup)
        {
            await store.ForgetFinishedAsync(o.KeepFinished, stoppingToken);
            _nextCleanup = Clock.GetUtcNow() + CleanupEvery;
        }

        // A host works on a subscription for at most one send budget plus one send, well inside its lease.
        var lease = (o.Timeout * 3) + TimeSpan.FromSeconds(30);
        var claimed = await store.ClaimAsync(Owner, lease, o.MaxParallel, stoppingToken);
        var worked = await Task.WhenAll(claimed.Select(s => WorkOnAsync(s, o, stoppingToken)));
        return worked.Any(w => w);
    }

    private async Task<bool> WorkOnAsync(WebhookSubscription subscription, WebhookOptions o, CancellationToken stoppingToken)
    {
        try
        {
            var page = await feed.ReadAsync(subscription.Actor, subscription.Cursor, FeedReader.MaxPage, stoppingToken);
            var next = FeedPosition.Parse(page.Next);
            var queued = next != subscription.Cursor && await store.EnqueueAsync(subscription.Id, Owner, page.Events, next, stoppingToken);
            var sent = await SendQueueAsync(subscription, o, stoppingToken);
            return queued || sent;
        }
        finally
        {
            await store.ReleaseAsync(subscription.Id, Owner, CancellationToken.None);
        }
    }

    /// <summary>Send the subscription's due deliveries in order until one fails, none is due, or the budget is spent.</summary>
    private async Task<bool> SendQueueAsync(WebhookSubscription subscription, WebhookOptions o, CancellationToken stoppingToken)
    {
        var budgetEnds = Clock.GetUtcNow() + o.Timeout;
        var sent = false;
        while (!stoppingToken.IsCancellationRequested && Clock.GetUtcNow() < budgetEnds
               && await store.HeadAsync(subscription.Id, stoppingToken) is { Due: true } head)
        {
            sent = true;
            var (item, refusal) = await feed.ReadOneAsync(subscription.Actor, head.Position, head.CaseId, head.Version);
            if (refusal is not null)
            {
                // Consent withdrawn, or the unit no longer part of the case: what was queued is not sent.
                await store.WithheldAsync(head.Id, refusal.Code, stoppingToken);
                continue;
            }

            var (statusCode, error) = item is null ? (null, "event-unavailable") : await PostAsync(subscription, item, o.Timeout, stoppingToken);
            if (error is null)
            {
                await store.DeliveredAsync(head.Id, statusCode!.Value, stoppingToken);
                continue;
            }

            var attempt = head.Attempts + 1;
            var dead = attempt >= o.MaxAttempts;
            await store.FailedAsync(head.Id, statusCode, error, dead, o.BackoffAfter(attempt), stoppingToken);
            if (dead)
            {
                LogDeadLetter(Logger, subscription.Id, head.Id, attempt, error);
                continue;
            }

            LogAttemptFailed(Logger, subscription.Id, head.Id, attempt, error);
            break;
        }

        return sent;
    }

    /// <summary>POST one event; the status code, and what went wrong unless it was a 2xx.</summary>
    private async Task<(int? StatusCode, string? Error)> PostAsync(WebhookSubscription subscription, FeedEvent item, TimeSpan timeout, CancellationToken stoppingToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(item, json.Value.SerializerOptions);
        var id = WebhookSubscription.MessageId(item.CaseId, item.Version);
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(subscription.Secret, id, timestamp, body));

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timer.CancelAfter(timeout);
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            var code = (int)response.StatusCode;
            return (code, code is >= 200 and < 300 ? null : $"http-{code}");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookDestinationRefusedException)
        {
            return (null, "destination-not-allowed");
        }
        catch (HttpRequestException e)
        {
            // The kind of failure only: the message may carry the receiver's address.
            return (null, e.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "connection-failed",
                HttpRequestError.NameResolutionError => "name-resolution-failed",
                HttpRequestError.SecureConnectionError => "tls-failed",
                _ => "request-failed",
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {SubscriptionId} delivery {DeliveryId} attempt {Attempt} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string subscriptionId, long deliveryId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {SubscriptionId} delivery {DeliveryId} is a dead letter after {Attempt} attempts: {Error}")]
    private static partial void LogDeadLetter(ILogger logger, string subscriptionId, long deliveryId, int attempt, string error);
}
