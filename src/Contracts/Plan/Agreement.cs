namespace CaseGrid.Contracts.Plan;

/// <summary>The person's agreement with the plan as it stood at <see cref="PlanVersion"/>.</summary>
/// <param name="PlanVersion">The case version the answer refers to.</param>
/// <param name="Answer">Agree, disagree or could not answer.</param>
/// <param name="Comment">The person's comment.</param>
/// <param name="RecordedById">Who recorded it (the person, or the coordinator with them).</param>
/// <param name="RecordedAt">When.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Agreement")]
public sealed record Agreement(long PlanVersion, AgreementAnswer Answer, string? Comment, string RecordedById, DateTimeOffset RecordedAt);
