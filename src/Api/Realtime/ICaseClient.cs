using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Api.Realtime;

/// <summary>What the server pushes to a connected client. See docs/realtime.md for the protocol.</summary>
public interface ICaseClient
{
    /// <summary>New events of a case the client has joined, in version order.</summary>
    Task CaseEvents(string caseId, ImmutableArray<CaseEventRecord> events);

    /// <summary>Who is present in a case and which fields are locked.</summary>
    Task Presence(string caseId, CasePresence presence);

    /// <summary>A line of a board the client has joined changed (entry null: the case left the board).</summary>
    Task BoardChanged(string unitId, BoardChange change);

    /// <summary>The client's own work list changed: the whole list with its version (lists are short).</summary>
    Task WorkChanged(Contracts.Work.WorkList workList);

    /// <summary>The client's access to a case or board ended (membership or employment ended); nothing more will come.</summary>
    Task AccessEnded(string scope, string id, string reason);

    /// <summary>
    /// At least once a second for each case, board or list the client has joined: <paramref name="head"/> is the version
    /// it should hold (a case's event version, a board's or a list's version) — a client below it is behind and catches
    /// up — and <paramref name="live"/> is false while the server has lost touch with it (the view may be stale).
    /// </summary>
    Task Heartbeat(string scope, string id, long head, bool live);
}
