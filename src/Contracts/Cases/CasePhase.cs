namespace CaseGrid.Contracts.Cases;

/// <summary>Where the person is on the path through and out of the correctional service (domain §4).</summary>
public enum CasePhase
{
    /// <summary>Innkalling: called in to serve.</summary>
    Summoned,

    /// <summary>Innkomst: arrived in prison.</summary>
    Intake,

    /// <summary>Serving in prison, possibly across units and transfers.</summary>
    Serving,

    /// <summary>Serving in the community under friomsorg (parole, community sentence, electronic monitoring).</summary>
    Community,

    /// <summary>Released.</summary>
    Released,

    /// <summary>Optional follow-up after release, up to twelve months.</summary>
    Aftercare,

    /// <summary>The case is closed.</summary>
    Closed,
}
