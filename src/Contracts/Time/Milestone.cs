namespace CaseGrid.Contracts.Time;

/// <summary>A step of the pathway that has happened, recorded by an agency member.</summary>
/// <param name="Kind">Which step.</param>
/// <param name="Date">The day it happened (never in the future when recorded).</param>
/// <param name="Note">A short note; never health details.</param>
/// <param name="RecordedById">The member who recorded it.</param>
/// <param name="RecordedAt">When it was recorded.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Milestone")]
public sealed record Milestone(MilestoneKind Kind, DateOnly Date, string? Note, string RecordedById, DateTimeOffset RecordedAt);
