namespace CaseGrid.Contracts.Indicators;

/// <summary>
/// Indicators for one scope, keyed "national" or by unit id. Computed from the event logs and kept for a few
/// minutes, so a board refreshing them costs one computation, not one per viewer.
/// </summary>
[Alias("casegrid.IIndicatorGrain")]
public interface IIndicatorGrain : IGrainWithStringKey
{
    /// <summary>The key of the national scope.</summary>
    public const string National = "national";

    /// <summary>The current report for this grain's scope.</summary>
    [Alias("Get")]
    Task<IndicatorReport> GetAsync();
}
