namespace CaseGrid.Contracts.Groups;

/// <summary>The part a member plays in the ansvarsgruppe.</summary>
public enum MemberRole
{
    /// <summary>The person the case is about; always a member of their own group.</summary>
    Person,

    /// <summary>The prison officer who is the person's contact (and coordinator in prison).</summary>
    Kontaktbetjent,

    /// <summary>An officer of the friomsorg (probation) office.</summary>
    FriomsorgOfficer,

    /// <summary>A municipal caseworker (housing, social services, coordinator of an individuell plan).</summary>
    MunicipalCaseworker,

    /// <summary>A NAV advisor (income, work).</summary>
    NavAdvisor,

    /// <summary>A health or substance-use treatment worker.</summary>
    HealthWorker,

    /// <summary>A teacher or school contact.</summary>
    Teacher,

    /// <summary>A worker from a voluntary organisation.</summary>
    NgoWorker,

    /// <summary>Any other member.</summary>
    Other,
}
