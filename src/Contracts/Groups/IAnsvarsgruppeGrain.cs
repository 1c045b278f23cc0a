namespace CaseGrid.Contracts.Groups;

/// <summary>
/// An ansvarsgruppe, keyed by group id: the group's own address, holding its roster as the case's events
/// define it. Membership changes are case commands, because the rule that nobody leaves while owning a
/// responsibility spans membership and ownership and so must be decided by one writer, the case.
/// </summary>
[Alias("casegrid.IAnsvarsgruppeGrain")]
public interface IAnsvarsgruppeGrain : IGrainWithStringKey
{
    /// <summary>Apply the roster as of a case version; older versions are ignored.</summary>
    [Alias("Observe"), Orleans.Concurrency.OneWay]
    Task ObserveAsync(GroupView view);

    /// <summary>The group's case was erased: the roster goes, and no later view of it is taken.</summary>
    [Alias("Forget")]
    Task ForgetAsync();

    /// <summary>The roster, or null when the group is unknown.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<GroupView?> GetAsync();
}
