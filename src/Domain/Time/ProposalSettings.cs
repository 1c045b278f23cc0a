namespace CaseGrid.Domain.Time;

/// <summary>The person's and the members' proposals get an answer by a date (domain §9; 000:862-864).</summary>
/// <param name="AnswerWithin">A proposal must be answered this long after it is made.</param>
/// <param name="Source">Where the default comes from.</param>
public sealed record ProposalSettings(DeadlinePeriod AnswerWithin, string Source = "");
