namespace CaseGrid.Contracts.Privacy;

/// <summary>How much of a case's need-area details a reader gets (domain §9).</summary>
public enum DetailAccess
{
    /// <summary>Everything, health details included.</summary>
    Full,

    /// <summary>Everything except the details of health, mental-health and rus areas: the areas and their owners show.</summary>
    HealthWithheld,

    /// <summary>No need-area details at all (no plan-sharing consent): which areas exist and who owns them.</summary>
    DetailsWithheld,
}
