namespace CaseGrid.Contracts.Privacy;

/// <summary>What a privacy request asks the person to confirm.</summary>
public enum PrivacyRequestKind
{
    /// <summary>Consent to scopes, recorded on the person's word.</summary>
    Consent,

    /// <summary>That a member outside the health services sees the person's health details.</summary>
    HealthAccess,
}
