namespace CaseGrid.Contracts.Plan;

/// <summary>One recorded step of an application.</summary>
/// <param name="Step">The step.</param>
/// <param name="Date">The day it happened (null for <see cref="ApplicationStep.Planned"/>).</param>
/// <param name="Note">A note, e.g. the decision's reference; never health details beyond the area it answers.</param>
/// <param name="RecordedById">Who recorded it.</param>
[GenerateSerializer, Immutable, Alias("casegrid.ApplicationEntry")]
public sealed record ApplicationEntry(ApplicationStep Step, DateOnly? Date, string? Note, string RecordedById);
