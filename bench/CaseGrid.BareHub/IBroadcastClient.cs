namespace CaseGrid.BareHub;

/// <summary>What the bare hub pushes.</summary>
public interface IBroadcastClient
{
    /// <summary>An edit of a group the client joined.</summary>
    Task Edit(string editId, string payload);

    /// <summary>A member of the group is here.</summary>
    Task Presence(string connectionId);
}
