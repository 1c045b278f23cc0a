namespace CaseGrid.Contracts.Plan;

/// <summary>What a measure applies a partner for (domain §7): each kind has a typical lead time in the rule set.</summary>
public enum ApplicationKind
{
    /// <summary>Housing from the municipality (kommunal bolig, midlertidig botilbud).</summary>
    Housing,

    /// <summary>Financial social assistance (økonomisk sosialhjelp) from NAV's municipal part.</summary>
    SocialAssistance,

    /// <summary>A benefit from NAV (e.g. arbeidsavklaringspenger, uføretrygd).</summary>
    Benefits,

    /// <summary>A treatment slot (rusbehandling, psykisk helsevern).</summary>
    Treatment,

    /// <summary>A place in education or training.</summary>
    Education,

    /// <summary>Anything else applied for.</summary>
    Other,
}
