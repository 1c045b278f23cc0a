namespace CaseGrid.Domain.Tests.Support;

/// <summary>The units and people the tests act with: one of each agency in Bergen, and a few outsiders.</summary>
public static class Cast
{
    public const string Prison = "p-bergen";
    public const string Friomsorg = "f-bergen";
    public const string Municipality = "k-bergen";
    public const string Nav = "nav-bergen";
    public const string OsloMunicipality = "k-oslo";
    public const string UnknownUnit = "p-nowhere";

    /// <summary>Kontaktbetjent at the prison; opens the standard case and so is its first coordinator.</summary>
    public const string Kontaktbetjent = "kb-anna";
    public const string Kontaktbetjent2 = "kb-bjorn";
    public const string PrisonLeader = "pl-cecilie";
    public const string FriomsorgOfficer = "fo-dag";
    public const string FriomsorgOfficer2 = "fo-eva";
    public const string FriomsorgLeader = "fl-frode";
    public const string Caseworker = "k-gro";
    public const string Caseworker2 = "k-hans";
    public const string MunicipalityLeader = "kl-ida";
    public const string NavAdvisor = "nav-jon";
    public const string NavLeader = "navl-kari";
    public const string OsloCaseworker = "ko-per";

    /// <summary>The person the case is about; works at no unit.</summary>
    public const string Person = "person-lars";

    /// <summary>A volunteer from an NGO; works at no unit.</summary>
    public const string NgoWorker = "ngo-mona";

    /// <summary>Someone with no unit and no part in the case.</summary>
    public const string Stranger = "x-nils";

    /// <summary>A readable name for a user id.</summary>
    public static string Name(string userId) => $"Name of {userId}";
}
