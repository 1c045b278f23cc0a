using System.Collections.Immutable;

namespace CaseGrid.Contracts.RuleSets;

/// <summary>
/// What publishing a draft would change (domain §7): every case's deadlines computed on the day it takes effect (or
/// today, if later) under the set then in force and under the draft, compared rule by rule.
/// </summary>
/// <param name="DryRunId">Id of the dry run; publishing names it.</param>
/// <param name="Version">The draft's version.</param>
/// <param name="EffectiveFrom">The draft's first day in force.</param>
/// <param name="ComparedWith">The version in force on that day, compared against.</param>
/// <param name="State">Where the dry run stands.</param>
/// <param name="Cases">Cases to compare.</param>
/// <param name="CasesCompared">Cases compared so far.</param>
/// <param name="CasesChanged">Cases with at least one deadline changed.</param>
/// <param name="DeadlinesChanged">Deadlines changed, added or removed, over all cases.</param>
/// <param name="ByRule">Deadlines changed by rule id.</param>
/// <param name="RequestedById">Who asked for it.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished; null while running.</param>
/// <param name="JsonHash">A hash of the draft's document: publishing must be of exactly the document compared.</param>
/// <param name="Error">Why it failed, in words.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DryRunReport")]
public sealed record DryRunReport(
    string DryRunId,
    string Version,
    DateOnly EffectiveFrom,
    string ComparedWith,
    DryRunState State,
    int Cases,
    int CasesCompared,
    int CasesChanged,
    int DeadlinesChanged,
    ImmutableDictionary<string, int> ByRule,
    string RequestedById,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string JsonHash,
    string? Error);
