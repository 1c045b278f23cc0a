using System.Collections.Immutable;

namespace CaseGrid.Contracts.Directory;

/// <summary>
/// The directory, a single grain keyed <see cref="Key"/>: every unit with its kind, municipality and staff, kept by the
/// units one-way, so people and units can be picked by name. Each unit's entry is versioned by the unit; the units
/// send it again whenever they are activated, so a lost update heals.
/// </summary>
[Alias("casegrid.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one directory's key.</summary>
    public const string Key = "directory";

    /// <summary>Apply a unit's entry; older than the one held is ignored.</summary>
    [Alias("ObserveUnit"), Orleans.Concurrency.OneWay]
    Task ObserveUnitAsync(DirectoryUnitUpdate update);

    /// <summary>Units of <paramref name="agency"/> in <paramref name="municipality"/> whose name contains <paramref name="query"/> (each filter optional), by name.</summary>
    [Alias("FindUnits"), Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<DirectoryUnit>> FindUnitsAsync(Groups.Agency? agency, string? municipality, string? query, int max);

    /// <summary>Staff whose name contains <paramref name="query"/> (any part, without accents), with their units, by name.</summary>
    [Alias("FindPeople"), Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<DirectoryPerson>> FindPeopleAsync(string? query, int max);

    /// <summary>The units <paramref name="userId"/> works at (empty when none).</summary>
    [Alias("UnitsOf"), Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<DirectoryUnit>> UnitsOfAsync(string userId);
}
