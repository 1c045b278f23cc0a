namespace CaseGrid.Domain.Time;

/// <summary>Release readiness (domain §8) thresholds.</summary>
/// <param name="WeeksBeforeRelease">Readiness is assessed from this many weeks before the release.</param>
/// <param name="RedWithinDays">Work still under way this close to release is red, not amber.</param>
public sealed record ReadinessSettings(int WeeksBeforeRelease = 8, int RedWithinDays = 14);
