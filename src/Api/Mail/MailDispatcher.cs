using CaseGrid.Api.Infrastructure.Outbox;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Mail;

/// <summary>
/// Sends work-list mail through SMTP, from the outbox the work lists fill. Each round it leases the mail that is due,
/// sends it over one connection and records each mail sent at once; a failure waits with doubling pauses and in the end
/// becomes a dead letter. Safe with any number of hosts: a mail is leased by one at a time. A host that dies while
/// sending leaves its lease to run out, and the mail goes again under the same Message-ID.
/// </summary>
public sealed partial class MailDispatcher(MailOutboxStore store, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailDispatcher> logger)
    : OutboxDispatcher<MailOptions>(options.Value, clock, logger)
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _nextCleanup;

    /// <inheritdoc />
    protected override async Task<bool> RunRoundAsync(CancellationToken stoppingToken)
    {
        if (Clock.GetUtcNow() >= _nextCleanup)
        {
            await store.ForgetSentAsync(Options.KeepSent, stoppingToken);
            _nextCleanup = Clock.GetUtcNow() + CleanupEvery;
        }

        // The lease covers sending the whole batch, one timeout each, with room to spare.
        var lease = (Options.Timeout * (Options.BatchSize + 2)) + TimeSpan.FromSeconds(30);
        var mails = await store.ClaimAsync(Owner, lease, Options.BatchSize, stoppingToken);
        if (mails.Count == 0)
        {
            return false;
        }

        var left = mails.ToList();
        try
        {
            using var smtp = new SmtpClient { Timeout = (int)Options.Timeout.TotalMilliseconds };
            await ConnectAsync(smtp, stoppingToken);
            foreach (var mail in mails)
            {
                await SendAsync(smtp, mail, stoppingToken);
                left.Remove(mail);
            }

            await smtp.DisconnectAsync(quit: true, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The server cannot be reached (or went away): every mail not yet sent waits and is tried again.
            LogServerFailed(Logger, e.GetType().Name);
            foreach (var mail in left)
            {
                await FailAsync(mail, e.GetType().Name, stoppingToken);
            }
        }
        finally
        {
            if (left.Count > 0 && stoppingToken.IsCancellationRequested)
            {
                await store.ReleaseAsync(left.Select(m => m.Id), Owner, CancellationToken.None);
            }
        }

        return true;
    }

    private async Task ConnectAsync(SmtpClient smtp, CancellationToken stoppingToken)
    {
        var o = Options;
        var (host, port) = string.IsNullOrEmpty(o.Host) && o.DevSink.Enabled ? ("127.0.0.1", o.DevSink.Port) : (o.Host ?? "localhost", o.Port);
        var security = o.Security switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await smtp.ConnectAsync(host, port, security, stoppingToken);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", stoppingToken);
        }
    }

    /// <summary>Send one mail; a refusal of this mail alone (its address, say) fails it without stopping the others.</summary>
    private async Task SendAsync(SmtpClient smtp, OutgoingMail mail, CancellationToken stoppingToken)
    {
        try
        {
            using var message = MailComposer.Compose(mail, Options);
            await smtp.SendAsync(message, stoppingToken);
        }
        catch (Exception e) when (e is SmtpCommandException or FormatException or MimeKit.ParseException)
        {
            await FailAsync(mail, e is SmtpCommandException command ? $"smtp-{(int)command.StatusCode}" : "address-invalid", stoppingToken);
            return;
        }

        await store.SentAsync(mail.Id, Owner, stoppingToken);
        LogSent(Logger, mail.Id, mail.Kinds.Length == 1 && !mail.Key.StartsWith("digest:", StringComparison.Ordinal) ? "at once" : "digest");
    }

    private async Task FailAsync(OutgoingMail mail, string error, CancellationToken stoppingToken)
    {
        var attempt = mail.Attempts + 1;
        var dead = attempt >= Options.MaxAttempts;
        await store.FailedAsync(mail.Id, Owner, error, dead, Options.BackoffAfter(attempt), stoppingToken);
        if (dead)
        {
            LogDeadLetter(Logger, mail.Id, attempt, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} sent ({How})")]
    private static partial void LogSent(ILogger logger, long mailId, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP server could not take mail ({Error}); trying again later")]
    private static partial void LogServerFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} is a dead letter after {Attempt} attempts: {Error}")]
    private static partial void LogDeadLetter(ILogger logger, long mailId, int attempt, string error);
}
