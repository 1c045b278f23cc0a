using System.Buffers;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CaseGrid.Api.Mail;

/// <summary>
/// For development: an SMTP server on 127.0.0.1 inside the process that writes every mail it receives to a file in
/// <see cref="DevMailSinkOptions.Directory"/> and logs one line saying where, so a newcomer sees what CaseGrid sends.
/// A mail sent twice under the same Message-ID is one file.
/// </summary>
public sealed partial class DevMailSink(IOptions<MailOptions> options, TimeProvider clock, ILogger<DevMailSink> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.DevSink;
        if (!o.Enabled)
        {
            return;
        }

        var folder = Path.GetFullPath(o.Directory);
        Directory.CreateDirectory(folder);
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName("casegrid-dev-sink")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, o.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new FolderStore(folder, clock, logger));
        LogListening(logger, o.Port, folder);
        await new SmtpServer.SmtpServer(serverOptions, services).StartAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development mail sink on 127.0.0.1:{Port}: every mail CaseGrid sends is written to {Folder}")]
    private static partial void LogListening(ILogger logger, int port, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail received by the development sink: {File}")]
    private static partial void LogReceived(ILogger logger, string file);

    private sealed class FolderStore(string folder, TimeProvider clock, ILogger logger) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeKit.MimeMessage.LoadAsync(stream, cancellationToken);
            var id = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Where(char.IsLetterOrDigit));
            var file = Path.Combine(folder, $"{clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{id}.eml");
            var earlier = Directory.EnumerateFiles(folder, $"*-{id}.eml").FirstOrDefault();
            await File.WriteAllBytesAsync(earlier ?? file, buffer.ToArray(), cancellationToken);
            LogReceived(logger, earlier ?? file);
            return SmtpResponse.Ok;
        }
    }
}
