using System.Collections.Immutable;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Meetings;

/// <summary>A meeting's agenda, or why it may not be read.</summary>
/// <param name="MeetingId">The meeting.</param>
/// <param name="FromVersion">The agenda lists the changes after this case version.</param>
/// <param name="ToVersion">… up to this one (the meeting's closing, or now).</param>
/// <param name="Items">One line per changed item, oldest first.</param>
/// <param name="Error">Why the read was refused.</param>
/// <param name="Standing">The standing items every meeting has: the person's own round and the next meeting.</param>
[GenerateSerializer, Immutable, Alias("casegrid.AgendaResult")]
public sealed record AgendaResult(string MeetingId, long FromVersion, long ToVersion, ImmutableArray<AgendaItem> Items, DomainError? Error, ImmutableArray<StandingItem> Standing);
