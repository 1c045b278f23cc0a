using CaseGrid.Contracts.Plan;

namespace CaseGrid.Contracts.Time;

/// <summary>
/// How an application to a partner stands against the release (domain §7): its kind's typical lead time from the rule set
/// says when a decision can be expected, and warns when that cannot come before the earliest release.
/// </summary>
/// <param name="MeasureId">The measure that is the application.</param>
/// <param name="Kind">What is applied for.</param>
/// <param name="Step">Its latest step.</param>
/// <param name="AppliedOn">When it was sent, once sent.</param>
/// <param name="ApplyBy">The last day to send it for a decision before the earliest release (earliest release − lead time).</param>
/// <param name="ExpectedDecision">When a decision can be expected (sent, or today when not sent yet, + lead time); null once decided.</param>
/// <param name="AppealBy">After a refusal: the last day to appeal (klagefrist).</param>
/// <param name="Colour">Green: decided in favour, or on track; amber: the apply-by day is near, or a decision is awaited on appeal; red: refused, or no decision can be expected before the earliest release.</param>
/// <param name="Reason">Why, in plain Norwegian, naming the lead time and where it comes from.</param>
/// <param name="RuleSetVersion">The rule set the lead time came from.</param>
[GenerateSerializer, Immutable, Alias("casegrid.ApplicationOutlook")]
public sealed record ApplicationOutlook(
    string MeasureId,
    ApplicationKind Kind,
    ApplicationStep Step,
    DateOnly? AppliedOn,
    DateOnly? ApplyBy,
    DateOnly? ExpectedDecision,
    DateOnly? AppealBy,
    ReadinessColour Colour,
    string Reason,
    string RuleSetVersion);
