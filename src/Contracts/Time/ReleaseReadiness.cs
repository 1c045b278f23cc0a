using System.Collections.Immutable;

namespace CaseGrid.Contracts.Time;

/// <summary>
/// A case's readiness for release (domain §8: "ingen skal løslates til gaten"), assessed from the expected release
/// minus eight weeks (by default). Before that it is not active and has no items.
/// </summary>
/// <param name="Active">True once the assessment window has begun (always when the release date is unknown).</param>
/// <param name="ActiveFrom">The day the window begins; null when the release date is unknown.</param>
/// <param name="Release">The release date assessed against: the actual, expected or earliest release.</param>
/// <param name="Overall">The worst colour of the items; null while not active.</param>
/// <param name="Items">Housing, income, treatment, activity, friomsorg, municipal caseworker, release meeting.</param>
/// <param name="Reason">Why the assessment is (not yet) active, in plain Norwegian.</param>
[GenerateSerializer, Immutable, Alias("casegrid.ReleaseReadiness")]
public sealed record ReleaseReadiness(
    bool Active, DateOnly? ActiveFrom, DateOnly? Release, ReadinessColour? Overall, ImmutableArray<ReadinessItem> Items, string Reason);
