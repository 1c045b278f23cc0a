namespace CaseGrid.Contracts.Sweep;

/// <summary>How the latest sweep went.</summary>
/// <param name="StartedAt">When it began; null before the first.</param>
/// <param name="Cases">Cases it set out to evaluate.</param>
/// <param name="Evaluated">Cases evaluated so far.</param>
/// <param name="Failed">Cases that could not be evaluated.</param>
/// <param name="FinishedAt">When it ended; null while running.</param>
[GenerateSerializer, Immutable, Alias("casegrid.SweepStatus")]
public sealed record SweepStatus(DateTimeOffset? StartedAt, int Cases, int Evaluated, int Failed, DateTimeOffset? FinishedAt);
