namespace CaseGrid.Contracts.Privacy;

/// <summary>Why a case was erased (docs/retention.md).</summary>
public enum ErasureReason
{
    /// <summary>The case has been closed longer than the retention period.</summary>
    RetentionExpired,

    /// <summary>The person asked for erasure and the controller granted it.</summary>
    PersonRequest,

    /// <summary>The case was registered for the wrong person or by mistake.</summary>
    RegisteredInError,
}
