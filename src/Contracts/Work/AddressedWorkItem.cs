namespace CaseGrid.Contracts.Work;

/// <summary>A work item and who it is for: a user, or a unit's staff or leaders (the unit fans it out to whoever they are now).</summary>
/// <param name="Audience">User, unit staff or unit leaders.</param>
/// <param name="AddresseeId">The user id, or the unit id.</param>
/// <param name="Item">The item.</param>
[GenerateSerializer, Immutable, Alias("casegrid.AddressedWorkItem")]
public sealed record AddressedWorkItem(WorkAudience Audience, string AddresseeId, WorkItem Item);
