namespace CaseGrid.Contracts.Groups;

/// <summary>The kind of agency a member or unit belongs to.</summary>
public enum Agency
{
    /// <summary>The person themselves.</summary>
    Person,

    /// <summary>A prison (fengsel) of the correctional service.</summary>
    Prison,

    /// <summary>A friomsorg (probation) office of the correctional service.</summary>
    Friomsorg,

    /// <summary>A municipality or city district (kommune, bydel).</summary>
    Municipality,

    /// <summary>A NAV office.</summary>
    Nav,

    /// <summary>A health service (specialist or municipal).</summary>
    Health,

    /// <summary>A school or education provider.</summary>
    School,

    /// <summary>A voluntary organisation.</summary>
    Ngo,

    /// <summary>Anything else.</summary>
    Other,
}
