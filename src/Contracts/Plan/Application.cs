using System.Collections.Immutable;

namespace CaseGrid.Contracts.Plan;

/// <summary>A measure that is an application to a partner: what kind, to whom, and every step with its date.</summary>
/// <param name="Kind">What is applied for; its lead time comes from the rule set.</param>
/// <param name="Partner">The partner applied to (a unit's name or another agency), when known.</param>
/// <param name="Entries">The steps recorded, in order.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Application")]
public sealed record Application(ApplicationKind Kind, string? Partner, ImmutableArray<ApplicationEntry> Entries)
{
    /// <summary>The latest step.</summary>
    public ApplicationStep Step => Entries.IsDefaultOrEmpty ? ApplicationStep.Planned : Entries[^1].Step;

    /// <summary>The day it was sent, once sent.</summary>
    public DateOnly? AppliedOn => DateOf(ApplicationStep.Applied);

    /// <summary>The day of the partner's first decision, once decided.</summary>
    public DateOnly? DecidedOn => DateOf(ApplicationStep.Granted) ?? DateOf(ApplicationStep.Refused);

    /// <summary>True once the partner (or the appeal) has decided in the person's favour.</summary>
    public bool IsGranted => Step is ApplicationStep.Granted or ApplicationStep.AppealGranted;

    /// <summary>True while a decision is awaited: sent, or appealed.</summary>
    public bool AwaitsDecision => Step is ApplicationStep.Applied or ApplicationStep.Appealed;

    private DateOnly? DateOf(ApplicationStep step) =>
        Entries.IsDefaultOrEmpty ? null : Entries.LastOrDefault(e => e.Step == step)?.Date;
}
