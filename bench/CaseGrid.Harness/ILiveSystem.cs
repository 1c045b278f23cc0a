namespace CaseGrid.Harness;

/// <summary>A system the fan-out driver can load the same way: groups of members over real connections, edits by some, pushed to all.</summary>
internal interface ILiveSystem
{
    string Name { get; }

    /// <summary>Create <paramref name="groups"/> groups of <paramref name="members"/> members; their ids.</summary>
    Task<IReadOnlyList<string>> PrepareAsync(int groups, int members);

    /// <summary>Connect member <paramref name="member"/> of group <paramref name="group"/> and join it.</summary>
    Task<ILiveMember> ConnectAsync(string groupId, int group, int member, EditRecorder recorder);

    /// <summary>Called a few times a second while connected (CaseGrid's clients check for gaps here).</summary>
    void Tick();
}

/// <summary>One connected member.</summary>
internal interface ILiveMember : IAsyncDisposable
{
    /// <summary>Send an edit and wait for its acknowledgement; stamps the ack on <paramref name="edit"/>, or returns the error.</summary>
    Task<string?> EditAsync(EditRecorder.Edit edit, CancellationToken cancellationToken);

    /// <summary>Say "still here" (presence), where the system has it.</summary>
    Task HeartbeatAsync();
}
