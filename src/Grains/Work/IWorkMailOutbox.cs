namespace CaseGrid.Grains.Work;

/// <summary>The durable outbox work-list mail goes into; the hosts that send mail take it from there.</summary>
public interface IWorkMailOutbox
{
    /// <summary>Put a mail in the outbox, once: a key already there changes nothing.</summary>
    Task EnqueueAsync(OutboxMail mail, CancellationToken cancellationToken = default);
}
