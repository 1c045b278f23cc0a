using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CaseGrid.Api.Tests;

/// <summary>A real SMTP server on loopback, started by a test: it keeps every mail it is given and lets the test await one.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private Task? _running;

    /// <summary>A free port on loopback (free when asked; the server takes it when started).</summary>
    public int Port { get; } = FreePort();

    /// <summary>Every mail received, in order.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. _received];

    /// <summary>Start listening.</summary>
    public TestSmtpServer Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("casegrid-test-smtp").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        return this;
    }

    /// <summary>The first mail to <paramref name="address"/> that <paramref name="matches"/>, waiting for it for at most 20 seconds.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool>? matches = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = _received.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address) && (matches is null || matches(m)));
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No mail to {address} within 20 s; {_received.Count} mails in all.");
            }
        }
    }

    /// <summary>The mails to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) => [.. _received.Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            server._received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            server._arrived.Release(1000);
            return SmtpResponse.Ok;
        }
    }
}
