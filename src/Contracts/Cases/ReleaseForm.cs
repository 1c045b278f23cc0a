namespace CaseGrid.Contracts.Cases;

/// <summary>
/// How the person leaves prison (domain §4). Every form is a release for the rules: the readiness gate applies on the
/// day the person walks out, and from then on the coordinator sits outside the prison.
/// </summary>
public enum ReleaseForm
{
    /// <summary>Prøveløslatelse: release on parole, usually at 2/3 of the sentence, with or without friomsorg supervision.</summary>
    Parole,

    /// <summary>Straffegjennomføring med elektronisk kontroll: the rest of the sentence served at home, under friomsorg.</summary>
    ElectronicMonitoring,

    /// <summary>Other serving in the community under friomsorg (e.g. in an institution or with conditions).</summary>
    CommunityServing,

    /// <summary>Full-time release without supervision (most short sentences).</summary>
    FullTime,
}
