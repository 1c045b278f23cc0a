namespace CaseGrid.Grains.Storage;

/// <summary>The case was erased: its data key is gone, so its events can no longer be read, and nothing more may be written.</summary>
public sealed class CaseErasedException : Exception
{
    /// <summary>Create the exception.</summary>
    public CaseErasedException()
    {
    }

    /// <summary>Create the exception with a message.</summary>
    public CaseErasedException(string message)
        : base(message)
    {
    }

    /// <summary>Create the exception with a message and its cause.</summary>
    public CaseErasedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
