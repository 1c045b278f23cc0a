using System.Text.Json.Serialization;

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
/// <param name="AnswerDue">The day it must be answered by, from the rule set in force when it was made (domain §9); null for proposals made before answer dates.</param>
/// <param name="AnswerRuleSetVersion">The rule-set version the answer date was counted with.</param>
/// <param name="AnsweredAt">When it was answered.</param>
/// <param name="AnswerMissedOn">The day the clock recorded the answer date as missed and escalated it; null while not missed.</param>
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
    long Version,
    DateOnly? AnswerDue = null,
    string? AnswerRuleSetVersion = null,
    DateTimeOffset? AnsweredAt = null,
    DateOnly? AnswerMissedOn = null)
{
    /// <summary>True while waiting for an answer.</summary>
    [JsonIgnore] // derived from Status, which the wire form carries
    public bool IsOpen => Status == ProposalStatus.Open;
}
