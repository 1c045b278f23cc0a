using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Contracts.Common;

/// <summary>
/// References to the grains every request reaches. <c>GetGrain&lt;T&gt;(key)</c> resolves the grain interface from
/// its attributes by reflection on every call (6 % of the silo host's CPU under sustained edits); these resolve it
/// once per interface and then only build the grain id.
/// </summary>
public static class GrainRefs
{
    /// <summary>The grain of one case.</summary>
    public static ICaseGrain Case(this IGrainFactory grains, string caseId) => Keyed<ICaseGrain>.Get(grains, caseId);

    /// <summary>The grain of one unit.</summary>
    public static IUnitGrain Unit(this IGrainFactory grains, string unitId) => Keyed<IUnitGrain>.Get(grains, unitId);

    /// <summary>The work list of one user.</summary>
    public static Work.IWorkListGrain WorkList(this IGrainFactory grains, string userId) => Keyed<Work.IWorkListGrain>.Get(grains, userId);

    /// <summary>The directory of units and their staff.</summary>
    public static Directory.IDirectoryGrain Directory(this IGrainFactory grains) => Keyed<Directory.IDirectoryGrain>.Get(grains, Contracts.Directory.IDirectoryGrain.Key);

    private static class Keyed<T>
        where T : IGrainWithStringKey
    {
        // Both are fixed by the interface and its one implementation: the same in every cluster of the process. Held
        // in an object, so a thread that reads it while another sets it sees all of it or none.
        private static Types? _types;

        public static T Get(IGrainFactory grains, string key)
        {
            var types = _types ??= Resolve(grains);
            return (T)grains.GetGrain(GrainId.Create(types.Type, key), types.Interface);
        }

        private static Types Resolve(IGrainFactory grains)
        {
            var reference = (GrainReference)(object)grains.GetGrain<T>("-");
            return new Types(reference.GrainId.Type, reference.InterfaceType);
        }
    }

    private sealed record Types(GrainType Type, GrainInterfaceType Interface);
}
