using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Infrastructure.Outbox;

/// <summary>
/// How a PostgreSQL outbox is worked by the hosts that serve the API: whether this host works it, how often an idle host
/// looks for work, and how a failed attempt is retried (doubling waits up to a limit, then a dead letter).
/// </summary>
public abstract class OutboxOptions
{
    /// <summary>Whether this host works the outbox. Any number of hosts may; each row is leased by one at a time.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle host looks for work that is due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the first failed attempt; it doubles after each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before an item goes to the dead letters.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failures.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var wait = BackoffBase * Math.Pow(2, doublings);
        return wait < BackoffMax ? wait : BackoffMax;
    }
}
