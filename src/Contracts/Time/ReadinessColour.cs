namespace CaseGrid.Contracts.Time;

/// <summary>How ready one part of a release is (domain §8).</summary>
public enum ReadinessColour
{
    /// <summary>In place.</summary>
    Green,

    /// <summary>Under way, or in place with a reservation.</summary>
    Amber,

    /// <summary>Not in place and not under way, or too close to release to be safe.</summary>
    Red,

    /// <summary>Not available because of (municipal) capacity: a state of its own, never green.</summary>
    NotAvailableCapacity,
}
