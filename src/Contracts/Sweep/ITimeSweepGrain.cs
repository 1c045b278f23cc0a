namespace CaseGrid.Contracts.Sweep;

/// <summary>
/// The daily sweep, a single grain keyed <see cref="Key"/>: once a day (a durable reminder) it asks every case to
/// evaluate its deadlines, handovers and owners against the clock, catching anything an event or reminder missed.
/// </summary>
[Alias("casegrid.ITimeSweepGrain")]
public interface ITimeSweepGrain : IGrainWithStringKey
{
    /// <summary>The one sweep's key.</summary>
    public const string Key = "daily";

    /// <summary>Make sure the daily reminder is registered (idempotent; called at silo start).</summary>
    [Alias("Ensure")]
    Task EnsureScheduledAsync();

    /// <summary>Start sweeping every case now (in the background; a sweep already running is left to finish).</summary>
    [Alias("Sweep")]
    Task<SweepStatus> SweepAsync();

    /// <summary>How the latest sweep went.</summary>
    [Alias("Status"), Orleans.Concurrency.ReadOnly]
    Task<SweepStatus> GetStatusAsync();
}
