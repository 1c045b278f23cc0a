namespace CaseGrid.Contracts.Realtime;

/// <summary>How someone is present in a case.</summary>
public enum PresenceMode
{
    /// <summary>Looking at the case.</summary>
    Viewing,

    /// <summary>In the meeting, in the room.</summary>
    InRoom,

    /// <summary>In the meeting, remote.</summary>
    Remote,
}
