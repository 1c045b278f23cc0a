using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Mail;

/// <summary>The development mail sink: an SMTP server on loopback that writes each mail it gets to a folder and logs a line.</summary>
public sealed class DevMailSinkOptions
{
    /// <summary>Run the sink in this process.</summary>
    public bool Enabled { get; set; }

    /// <summary>Its port on 127.0.0.1.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 2525;

    /// <summary>Where each mail is written, as <c>{time}-{id}.eml</c>.</summary>
    [Required]
    public string Directory { get; set; } = ".local/mail";
}
