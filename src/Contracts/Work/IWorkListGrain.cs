using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Work;

/// <summary>
/// One user's list of what needs them (domain §13), keyed by user id: a projection of the cases and units that concern
/// them, fed one-way and versioned like a unit's board, never a to-do store of its own. It also knows the user's units
/// and the cases they are a member of, and how they want to be told by e-mail when away.
/// </summary>
[Alias("casegrid.IWorkListGrain")]
public interface IWorkListGrain : Realtime.IWatchedGrain
{
    /// <summary>Apply a case's update for this user; older case versions than the one held are ignored.</summary>
    [Alias("ObserveCase"), Orleans.Concurrency.OneWay]
    Task ObserveCaseAsync(UserCaseUpdate update);

    /// <summary>Apply a unit's update for this user; a gap in its numbering asks the unit for a snapshot.</summary>
    [Alias("ObserveUnit"), Orleans.Concurrency.OneWay]
    Task ObserveUnitAsync(StaffWorkUpdate update);

    /// <summary>An erased case: drop everything it sent and store the list before answering, so no copy of it outlives the erasure.</summary>
    [Alias("ForgetCase")]
    Task ForgetCaseAsync(string caseId);

    /// <summary>The list now.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<WorkList> GetAsync();

    /// <summary>The user's units and member cases.</summary>
    [Alias("GetProfile"), Orleans.Concurrency.ReadOnly]
    Task<UserProfile> GetProfileAsync();

    /// <summary>
    /// The user's cases — member of the group, or current or incoming at a unit they work at — with their board lines,
    /// whose person's name contains <paramref name="query"/> (any part, without accents), by expected release.
    /// </summary>
    [Alias("GetCases"), Orleans.Concurrency.ReadOnly]
    Task<System.Collections.Immutable.ImmutableArray<MyCase>> GetCasesAsync(string? query);

    /// <summary>How the user is told by e-mail: their address (their own, else one a unit recorded) and the kinds they opted out of.</summary>
    [Alias("GetNotifications"), Orleans.Concurrency.ReadOnly]
    Task<NotificationSettings> GetNotificationsAsync();

    /// <summary>Set the user's own address (null: use the one a unit recorded) and the kinds they want no mail about.</summary>
    [Alias("SetNotifications")]
    Task<DomainError?> SetNotificationsAsync(NotificationSettings settings);
}
