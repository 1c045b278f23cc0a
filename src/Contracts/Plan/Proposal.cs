namespace CaseGrid.Contracts.Plan;

/// <summary>A proposal (innspill) from a member, the person included; every member sees every proposal.</summary>
/// <param name="ProposalId">Id of the proposal.</param>
/// <param name="AuthorId">The member who proposed it.</param>
/// <param name="NeedCode">The need area it concerns, if any.</param>
/// <param name="Text">The proposal.</param>
/// <param name="Status">Open, adopted or rejected.</param>
/// <param name="Answer">The answer given.</param>
/// <param name="AnsweredById">Who answered.</param>
/// <param name="MeasureId">The measure it became, when adopted.</param>
/// <param name="SubmittedAt">When it was made.</param>
/// <param name="Version">Case version of the last change to this proposal.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Proposal")]
public sealed record Proposal(
    string ProposalId,
    string AuthorId,
    string? NeedCode,
    string Text,
    ProposalStatus Status,
    string? Answer,
    string? AnsweredById,
    string? MeasureId,
    DateTimeOffset SubmittedAt,
    long Version);
