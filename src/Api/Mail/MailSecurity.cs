namespace CaseGrid.Api.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum MailSecurity
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>Plain SMTP (a local relay).</summary>
    None,

    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
