using System.ComponentModel.DataAnnotations;
using CaseGrid.Api.Infrastructure.Outbox;

namespace CaseGrid.Api.Partners;

/// <summary>How webhook deliveries are made and retried (section <c>CaseGrid:Webhooks</c>).</summary>
public sealed class WebhookOptions : OutboxOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Webhooks";

    /// <summary>How long a receiver has to answer; no answer in time is a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Subscriptions one host works on at once.</summary>
    [Range(1, 256)]
    public int MaxParallel { get; set; } = 8;

    /// <summary>Subscriptions one partner system may have.</summary>
    [Range(1, 1000)]
    public int MaxSubscriptionsPerSystem { get; set; } = 10;

    /// <summary>How long delivered (and withheld) deliveries are kept before they are forgotten; dead letters stay.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KeepFinished { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Networks (CIDR) deliveries may go to although they are internal (loopback, private, link-local…), e.g.
    /// <c>127.0.0.1/32</c> for a receiver on the same machine in tests. Empty by default: no delivery goes inside.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

}
