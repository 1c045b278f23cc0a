namespace CaseGrid.Contracts.Cases;

/// <summary>
/// The municipality that receives the person. Registered and intended home may differ and the
/// responsibility may be disputed (domain §6): both are kept and both stay informed until resolved.
/// </summary>
/// <param name="RegisteredUnitId">The municipality (unit id) where the person is registered.</param>
/// <param name="IntendedUnitId">The municipality the person intends to live in, when different.</param>
/// <param name="Disputed">True while the municipalities disagree about who is responsible.</param>
[GenerateSerializer, Immutable, Alias("casegrid.HomeMunicipality")]
public sealed record HomeMunicipality(string RegisteredUnitId, string? IntendedUnitId = null, bool Disputed = false);
