using CaseGrid.Contracts.Groups;

namespace CaseGrid.Domain.Time;

/// <summary>
/// When a deadline rule applies. Every part that is set must hold. Sentence length is end of sentence − sentence
/// start; remaining time is counted from the day the deadline counts from to the expected release.
/// </summary>
/// <param name="SentenceAtMost">Applies when the sentence is at most this long.</param>
/// <param name="SentenceLongerThan">Applies when the sentence is longer than this.</param>
/// <param name="RemainingAtMost">Applies when at most this much is left until release.</param>
/// <param name="RemainingMoreThan">Applies when more than this is left until release.</param>
/// <param name="RequiresSupervision">Applies only when there is a supervision period (its end is known).</param>
/// <param name="CoordinatorWas">Applies only when the coordinator is, or handed the role over from, a member of this agency.</param>
/// <param name="WhenUnknown">Whether a length or remaining-time condition holds while the dates it needs are unknown.</param>
public sealed record RuleCondition(
    DeadlinePeriod? SentenceAtMost = null,
    DeadlinePeriod? SentenceLongerThan = null,
    DeadlinePeriod? RemainingAtMost = null,
    DeadlinePeriod? RemainingMoreThan = null,
    bool RequiresSupervision = false,
    Agency? CoordinatorWas = null,
    bool WhenUnknown = false);
