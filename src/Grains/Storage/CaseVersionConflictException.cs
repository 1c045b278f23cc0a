namespace CaseGrid.Grains.Storage;

/// <summary>Another writer appended to the case's log first: the optimistic concurrency check on (case, version) failed.</summary>
public sealed class CaseVersionConflictException : Exception
{
    /// <summary>Create the exception.</summary>
    public CaseVersionConflictException()
    {
    }

    /// <summary>Create the exception with a message.</summary>
    public CaseVersionConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Create the exception with a message and its cause.</summary>
    public CaseVersionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
