namespace CaseGrid.Contracts.Plan;

/// <summary>An entry of the need-area catalogue (the POP set), held as data.</summary>
/// <param name="Code">Stable code, e.g. <c>housing</c>.</param>
/// <param name="NameNb">Name in Norwegian bokmål.</param>
/// <param name="NameEn">Name in English.</param>
/// <param name="HealthSensitive">Details are health data: visible only to health members and members the person approved.</param>
/// <param name="CriticalForRelease">Must have an accepted owner outside the prison before release.</param>
/// <param name="OutcomeAtRelease">
/// On release day the outcome counts, not only the owner (domain §8): the need must be met (housing secured, income
/// decided) or declined by the person, else an exception with its reason (e.g. the emergency-housing arrangement).
/// </param>
[GenerateSerializer, Immutable, Alias("casegrid.NeedAreaDefinition")]
public sealed record NeedAreaDefinition(string Code, string NameNb, string NameEn, bool HealthSensitive, bool CriticalForRelease, bool OutcomeAtRelease = false);
