using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Partners;

/// <summary>How webhook deliveries are made and retried (section <c>CaseGrid:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Webhooks";

    /// <summary>Whether this host sends deliveries. Any number of API hosts may; each subscription is worked by one at a time.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle dispatcher looks for new events and deliveries that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the first failed attempt; it doubles after each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a delivery goes to the dead letters.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

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

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failures.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var wait = BackoffBase * Math.Pow(2, doublings);
        return wait < BackoffMax ? wait : BackoffMax;
    }
}
