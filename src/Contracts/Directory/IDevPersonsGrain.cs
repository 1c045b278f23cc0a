using System.Collections.Immutable;

namespace CaseGrid.Contracts.Directory;

/// <summary>
/// For the development sign-in only: the persons of cases, read from the sealed log (the API hosts cannot open it). A
/// silo outside Development answers nothing. Keyed 0.
/// </summary>
[Alias("casegrid.IDevPersonsGrain")]
public interface IDevPersonsGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="max"/> cases' persons: each person added to a case, with the case's person name.</summary>
    [Alias("List")]
    Task<ImmutableArray<DevPerson>> ListAsync(int max);
}
