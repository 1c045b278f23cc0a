namespace CaseGrid.Contracts.Plan;

/// <summary>A goal within a need area.</summary>
/// <param name="GoalId">Id of the goal.</param>
/// <param name="NeedCode">The need area it belongs to.</param>
/// <param name="Text">The goal, in plain words.</param>
/// <param name="Achieved">True once reached.</param>
/// <param name="Version">Case version of the last change to this goal.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Goal")]
public sealed record Goal(string GoalId, string NeedCode, string Text, bool Achieved, long Version);
