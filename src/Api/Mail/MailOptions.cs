using System.ComponentModel.DataAnnotations;
using CaseGrid.Api.Infrastructure.Outbox;

namespace CaseGrid.Api.Mail;

/// <summary>
/// How work-list mail leaves CaseGrid (section <c>CaseGrid:Mail</c>): through any SMTP server, from the outbox the work
/// lists fill. Off unless enabled; with the development sink enabled and no host given, mail goes to the sink.
/// </summary>
public sealed class MailOptions : OutboxOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Mail";

    /// <summary>Mail is sent by default only where it is switched on.</summary>
    public MailOptions()
    {
        Enabled = false;
        BackoffBase = TimeSpan.FromSeconds(10);
        BackoffMax = TimeSpan.FromHours(1);
        MaxAttempts = 12;
    }

    /// <summary>The SMTP server; the development sink when it is enabled and this is empty.</summary>
    [MaxLength(253)]
    public string? Host { get; set; }

    /// <summary>Its port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>How the connection is secured: <c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c>, or <c>Auto</c> (STARTTLS when offered).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    /// <summary>The user to authenticate as, when the server wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>Its password (from a secret store or the environment, never committed).</summary>
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>CaseGrid &lt;varsel@casegrid.example&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "CaseGrid <casegrid@localhost>";

    /// <summary>Where people open CaseGrid: the link every mail carries.</summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080/";

    /// <summary>How long the SMTP server has for one mail.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Mails one host sends in a round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long sent mail is kept in the outbox (its key stops a second send) before it is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KeepSent { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An SMTP server inside the process that keeps every mail as a file, for development.</summary>
    public DevMailSinkOptions DevSink { get; set; } = new();
}
