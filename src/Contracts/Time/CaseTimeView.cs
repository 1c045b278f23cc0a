using System.Collections.Immutable;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Time;

/// <summary>A case's deadlines and release readiness as of today, computed with the current rule set.</summary>
/// <param name="CaseVersion">The case version computed from.</param>
/// <param name="Today">The Norwegian day computed for.</param>
/// <param name="RuleSetVersion">The rule set used.</param>
/// <param name="Deadlines">Every rule's deadline with its reason.</param>
/// <param name="Readiness">Release readiness (from release − 8 weeks).</param>
/// <param name="Error">Why the read was refused.</param>
/// <param name="Applications">Each measure that is an application to a partner, against its kind's lead time and the earliest release.</param>
/// <param name="ReleaseGate">What would stop the person leaving prison today, each with its code and why; empty when nothing would.</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseTimeView")]
public sealed record CaseTimeView(long CaseVersion, DateOnly Today, string RuleSetVersion, ImmutableArray<Deadline> Deadlines, ReleaseReadiness? Readiness, DomainError? Error,
    ImmutableArray<ApplicationOutlook> Applications, ImmutableArray<GateItem> ReleaseGate);
