using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Api.Realtime;

/// <summary>The answer to joining a case: the events after the client's version, and who is here.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="CurrentVersion">The case's version when the missed events were read.</param>
/// <param name="Events">Events after the version the client asked from (at most one page).</param>
/// <param name="Complete">False when more events follow: ask again from the last one's version.</param>
/// <param name="Presence">Who is present and which fields are locked.</param>
public sealed record CaseJoined(string CaseId, long CurrentVersion, ImmutableArray<CaseEventRecord> Events, bool Complete, CasePresence Presence);

/// <summary>The answer to joining a unit board: its lines now.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Cases">Its current and incoming cases.</param>
/// <param name="Version">The board's version: heartbeats name the version the board should be at.</param>
public sealed record BoardJoined(string UnitId, ImmutableArray<UnitCaseEntry> Cases, long Version);

/// <summary>A line of a joined board changed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="CaseVersion">The case version the line reflects (ignore a line older than the one shown).</param>
/// <param name="Entry">The line, or null when the case left the board.</param>
/// <param name="BoardVersion">The board's version after the change.</param>
public sealed record BoardChange(string CaseId, long CaseVersion, UnitCaseEntry? Entry, long BoardVersion);

/// <summary>The answer to joining one's work list: the list now; <c>WorkChanged</c> pushes follow.</summary>
/// <param name="UserId">Whose list (always the caller's).</param>
/// <param name="Version">The list's version.</param>
/// <param name="Items">What needs the user now.</param>
public sealed record WorkJoined(string UserId, long Version, ImmutableArray<Contracts.Work.WorkItem> Items);

/// <summary>The answer to a command sent over the hub.</summary>
/// <param name="Version">The case version after the command.</param>
/// <param name="Events">The events written.</param>
/// <param name="Error">The refusal, if refused: its code, detail and (for conflicts) the current value.</param>
public sealed record CommandOutcome(long Version, ImmutableArray<CaseEventRecord> Events, Contracts.Common.DomainError? Error);
