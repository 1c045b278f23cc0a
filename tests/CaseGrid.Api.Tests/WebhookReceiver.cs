using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CaseGrid.Api.Tests;

/// <summary>
/// A partner's webhook receiver: a real Kestrel server on a free loopback port that records every request and answers
/// with <see cref="Answer"/>. It may be created before it listens, so its URL can be given to CaseGrid while it is down.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Received> _requests = [];
    private readonly List<(Func<IReadOnlyList<Received>, bool> Condition, TaskCompletionSource Signal)> _waiters = [];
    private readonly int _port;
    private WebApplication? _app;

    public WebhookReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Where CaseGrid should send; a path of its own, so nothing meant for another receiver is counted here.</summary>
    public string Url => $"http://127.0.0.1:{_port}/hooks/{Path}";

    /// <summary>The status code the receiver answers with now.</summary>
    public int Answer { get; set; } = StatusCodes.Status204NoContent;

    private string Path { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Start listening.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost($"/hooks/{Path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers;
            lock (_lock)
            {
                var answer = Answer;
                _requests.Add(new Received(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), body, answer));
                foreach (var waiter in _waiters.Where(w => w.Condition(_requests)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Signal.TrySetResult();
                }

                return Results.StatusCode(answer);
            }
        });
        await _app.StartAsync();
    }

    /// <summary>Waits until the requests received satisfy <paramref name="condition"/>, for at most <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<Received>, bool> condition, string what, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_requests))
            {
                return;
            }

            _waiters.Add((condition, signal));
        }

        if (await Task.WhenAny(signal.Task, Task.Delay(timeout)) != signal.Task)
        {
            Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {what}. Received: {string.Join(", ", Requests.Select(r => $"{r.Id}→{r.Status}"))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>One request as received, and what the receiver answered.</summary>
    public sealed record Received(string Id, string Timestamp, string Signature, string Body, int Status)
    {
        public bool Delivered => Status is >= 200 and < 300;

        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

        /// <summary>True when the signature is the one <paramref name="secret"/> gives, computed here as a receiver would.</summary>
        public bool SignedWith(string secret)
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
            return Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s), Encoding.UTF8.GetBytes(expected)));
        }
    }
}
