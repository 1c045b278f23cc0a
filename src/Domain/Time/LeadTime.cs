using CaseGrid.Contracts.Plan;

namespace CaseGrid.Domain.Time;

/// <summary>The typical time a partner takes to decide an application of a kind (domain §7: housing decision, treatment slot).</summary>
/// <param name="Kind">What is applied for.</param>
/// <param name="Time">From the application sent to the decision.</param>
/// <param name="Source">Where the figure comes from.</param>
public sealed record LeadTime(ApplicationKind Kind, DeadlinePeriod Time, string Source = "");
