using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>One way a deadline is met: a recorded milestone, or a fact in the case. Exactly one of the two is set.</summary>
/// <param name="Milestone">The milestone that meets it.</param>
/// <param name="Fact">The fact that meets it.</param>
/// <param name="Agency">For <see cref="SatisfactionFact.MemberJoined"/>: the agency.</param>
/// <param name="Need">For <see cref="SatisfactionFact.NeedMet"/>: the need-area code.</param>
public sealed record RuleSatisfaction(MilestoneKind? Milestone = null, SatisfactionFact? Fact = null, Agency? Agency = null, string? Need = null);
