using System.Collections.Immutable;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Cases;

/// <summary>A page of a case's event log after a version, in order.</summary>
/// <param name="Events">The events, oldest first.</param>
/// <param name="CurrentVersion">The case's current version; more pages follow while the last event is below it.</param>
/// <param name="Error">Why the read was refused.</param>
/// <param name="Access">How much of the need-area details the reader got (for the audit of sensitive reads).</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseEventsPage")]
public sealed record CaseEventsPage(ImmutableArray<CaseEventRecord> Events, long CurrentVersion, DomainError? Error, Privacy.DetailAccess Access = Privacy.DetailAccess.Full);
