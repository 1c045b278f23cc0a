namespace CaseGrid.Contracts.Time;

/// <summary>
/// What the deadlines of a case wait for (domain §7): steps of the pathway an agency member records once they
/// have happened. Some deadlines are also met by facts already in the case, such as a municipal member joining.
/// </summary>
public enum MilestoneKind
{
    /// <summary>Innkomstsamtale (innsettelsessamtale): the intake conversation in prison.</summary>
    IntakeConversation,

    /// <summary>Behovssamtale del 1: the needs are mapped.</summary>
    NeedsConversation1,

    /// <summary>Behovssamtale del 2: the person chooses the measures.</summary>
    NeedsConversation2,

    /// <summary>Kommunen kontaktet: the receiving municipality has been contacted about the person.</summary>
    MunicipalityContacted,

    /// <summary>Friomsorgen trukket inn: the friomsorg office is engaged in planning the release.</summary>
    FriomsorgEngaged,

    /// <summary>Planevaluering (rullering): the plan was reviewed.</summary>
    PlanReview,

    /// <summary>Løslatelsesmøte: the release meeting with the person and the agencies was held.</summary>
    ReleaseMeeting,

    /// <summary>Handlingsplan for prøvetiden: friomsorg's plan for the period after release is ready.</summary>
    PostReleasePlan,

    /// <summary>Ytelser avklart: income from the day of release is decided.</summary>
    BenefitsDecided,

    /// <summary>Avskjedssamtale: the kontaktbetjent's last conversation with the person before they leave (002:1140-1144).</summary>
    ExitConversation,

    /// <summary>Friomsorgen har kontaktet kommunen: friomsorg has contacted the municipality to coordinate the plan for the supervision period.</summary>
    MunicipalityContactedByFriomsorg,
}
