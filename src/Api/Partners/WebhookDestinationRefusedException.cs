namespace CaseGrid.Api.Partners;

/// <summary>A webhook's receiver resolved only to addresses deliveries may not go to (loopback, private, link-local, metadata).</summary>
public sealed class WebhookDestinationRefusedException : Exception
{
    /// <summary>The refusal; it names no address, which a log could otherwise carry.</summary>
    public WebhookDestinationRefusedException()
        : base("The webhook's receiver resolves only to addresses deliveries may not go to.")
    {
    }

    /// <summary>With a message of the caller's.</summary>
    public WebhookDestinationRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>With a message and a cause.</summary>
    public WebhookDestinationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
