namespace CaseGrid.Contracts.Privacy;

/// <summary>What the person's consent covers (domain §9). Each scope is given and withdrawn on its own.</summary>
public enum ConsentScope
{
    /// <summary>
    /// The reintegration work: the agencies in the ansvarsgruppe share the plan's details with one another. Without it,
    /// members outside the correctional service see which areas exist and who owns them, not what is written in them.
    /// </summary>
    PlanSharing,

    /// <summary>The agencies' own case systems may receive the plan through CaseGrid's feed and webhooks.</summary>
    PartnerSystems,

    /// <summary>
    /// The agencies in the group may obtain information about the person from other agencies (000:1645-1648): a consent
    /// of its own, given or refused apart from sharing.
    /// </summary>
    ObtainInformation,
}
