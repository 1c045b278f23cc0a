namespace CaseGrid.Api.Mail;

/// <summary>
/// The hosts' side of the mail outbox, which the work lists fill: lease what is due, mark it sent or failed. A lease that
/// runs out (its host died mid-send) makes the mail due again, so nothing queued is lost.
/// </summary>
public interface IMailOutboxStore
{
    /// <summary>Lease up to <paramref name="max"/> due mails no other host holds, oldest first.</summary>
    Task<IReadOnlyList<OutgoingMail>> ClaimAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>The SMTP server took the mail; false when this host no longer held its lease.</summary>
    Task<bool> SentAsync(OutgoingMail mail, string owner, CancellationToken cancellationToken);

    /// <summary>An attempt failed: the mail waits <paramref name="retryAfter"/>, or becomes a dead letter when <paramref name="dead"/>.</summary>
    Task<bool> FailedAsync(OutgoingMail mail, string owner, string error, bool dead, TimeSpan retryAfter, CancellationToken cancellationToken);

    /// <summary>Give back leases this host holds but did not get to (it is stopping).</summary>
    Task<bool> ReleaseAsync(IEnumerable<OutgoingMail> mails, string owner, CancellationToken cancellationToken);

    /// <summary>Forget mail sent more than <paramref name="age"/> ago.</summary>
    Task<bool> ForgetSentAsync(TimeSpan age, CancellationToken cancellationToken);
}
