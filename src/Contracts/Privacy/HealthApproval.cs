namespace CaseGrid.Contracts.Privacy;

/// <summary>The person approved that a member outside the health services sees their health, mental-health and rus details.</summary>
/// <param name="UserId">The member approved.</param>
/// <param name="RecordedById">Who recorded it: the person, or the coordinator on the person's word.</param>
/// <param name="RecordedAt">When.</param>
[GenerateSerializer, Immutable, Alias("casegrid.HealthApproval")]
public sealed record HealthApproval(string UserId, string RecordedById, DateTimeOffset RecordedAt);
