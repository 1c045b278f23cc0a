using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CaseGrid.Api.Tests;

/// <summary>
/// OpenTelemetry on the real hosts, exported in memory: one REST call is one trace from the ASP.NET Core server span
/// through the Orleans grain call to PostgreSQL, and CaseGrid counts its commands by type and outcome.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task RestCall_IsOneTrace_FromTheServerSpan_ThroughTheCaseGrain_ToPostgreSql()
    {
        var spans = new Recorded<Activity>();
        var metrics = new Recorded<MetricSnapshot>();
        await using var host = new CaseGridApiFactory
        {
            ConfigureHost = b => b.Telemetry(spans, s => s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics))),
        };
        using var world = await TestWorld.CreateAsync(host);

        var trace = ActivityTraceId.CreateRandom();
        using var response = await world.Officer.Http.SendAsync(Traced(trace, HttpMethod.Post, "/api/v1/cases", world.OpenCaseBody()));
        var caseId = (await response.OkJsonAsync(HttpStatusCode.Created))["events"]![0]!.Str("caseId")!;

        var inTrace = await SpansAsync(spans, trace, "Microsoft.AspNetCore", "Microsoft.Orleans.Application", "Npgsql", "CaseGrid");
        var server = Assert.Single(inTrace, a => a.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal("POST", server.GetTagItem("http.request.method"));
        Assert.Contains(inTrace, a => a.Source.Name == "Microsoft.Orleans.Application" && a.Kind == ActivityKind.Server && a.DisplayName.Contains("ICaseGrain", StringComparison.Ordinal));
        Assert.Contains(inTrace, a => a.Source.Name == "Npgsql" && a.Kind == ActivityKind.Client);
        var command = Assert.Single(inTrace, a => a.Source.Name == "CaseGrid");
        Assert.Equal("OpenCase", command.GetTagItem("casegrid.command"));
        Assert.Equal("executed", command.GetTagItem("casegrid.outcome"));

        // No span of the trace carries the person's name (the body had one).
        Assert.DoesNotContain(inTrace.SelectMany(a => a.TagObjects), t => t.Value?.ToString()?.Contains("Ola Nordmann", StringComparison.Ordinal) == true);

        // A refusal is counted as one, with its code on the span.
        var refusedTrace = ActivityTraceId.CreateRandom();
        using var refused = await world.Officer.Http.SendAsync(Traced(refusedTrace, HttpMethod.Post, $"/api/v1/cases/{caseId}/needs/no-such-area/identify", new { ownerId = world.Officer.Id }));
        await refused.ProblemAsync(HttpStatusCode.NotFound);
        var refusal = Assert.Single(await SpansAsync(spans, refusedTrace, "CaseGrid"), a => a.Source.Name == "CaseGrid");
        Assert.Equal("refused", refusal.GetTagItem("casegrid.outcome"));
        Assert.NotNull(refusal.GetTagItem("casegrid.refusal"));

        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());
        var counted = metrics.Snapshot().Where(m => m.Name == "casegrid.commands").SelectMany(m => m.MetricPoints).ToList();
        Assert.Contains(counted, p => Tags(p) is var t && t["casegrid.command"] == "OpenCase" && t["casegrid.outcome"] == "executed" && t["casegrid.channel"] == "rest" && p.GetSumLong() >= 1);
        Assert.Contains(counted, p => Tags(p) is var t && t["casegrid.command"] == "IdentifyNeed" && t["casegrid.outcome"] == "refused" && p.GetSumLong() >= 1);
        Assert.Contains(metrics.Snapshot(), m => m.Name.StartsWith("orleans-", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task SeparateApiHost_CarriesTheTrace_OverTheOrleansGateway_IntoTheSilo()
    {
        var spans = new Recorded<Activity>();
        await using var silo = new CaseGridApiFactory { ConfigureHost = b => b.Telemetry(spans) };
        using var world = await TestWorld.CreateAsync(silo);
        await using var api = new ApiHostFactory(silo) { ConfigureHost = b => b.Telemetry(spans) };
        using var officer = api.CreateClient();
        officer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await silo.TokenAsync(world.Officer.Id, world.Officer.Name));

        var trace = ActivityTraceId.CreateRandom();
        using var response = await officer.SendAsync(Traced(trace, HttpMethod.Post, "/api/v1/cases", world.OpenCaseBody()));
        await response.OkJsonAsync(HttpStatusCode.Created);

        // The client span is on the API host; the server span and the SQL on the silo, reached only through the
        // gateway connection, so they share the trace only if the client propagated it.
        var inTrace = await SpansAsync(spans, trace, "Microsoft.AspNetCore", "Npgsql");
        Assert.Contains(inTrace, a => a.Source.Name == "Microsoft.Orleans.Application" && a.Kind == ActivityKind.Client && a.DisplayName.Contains("ICaseGrain", StringComparison.Ordinal));
        Assert.Contains(inTrace, a => a.Source.Name == "Microsoft.Orleans.Application" && a.Kind == ActivityKind.Server && a.DisplayName.Contains("ICaseGrain", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CaseGrid:Telemetry:OtlpEndpoint", "CaseGrid:Telemetry:OtlpProtocol")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL")]
    public async Task WithACollectorConfigured_TracesAndMetricsAreSentOverOtlp(string endpointKey, string protocolKey)
    {
        using var collector = new HttpListener();
        var port = FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new Recorded<(string Path, string? ContentType, byte[] Body)>();
        var listening = ReceiveAsync(collector, received);
        await using var host = new CaseGridApiFactory
        {
            ConfigureHost = b => b.UseSetting(endpointKey, $"http://127.0.0.1:{port}").UseSetting(protocolKey, "http/protobuf"),
        };
        using var world = await TestWorld.CreateAsync(host);
        await world.OpenCaseAsync();

        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        var posts = await Api.EventuallyAsync(
            () => Task.FromResult(received.Snapshot()),
            r => r.Any(p => p.Path == "/v1/traces") && r.Any(p => p.Path == "/v1/metrics"),
            "traces and metrics at the collector");
        Assert.All(posts, p => Assert.Equal("application/x-protobuf", p.ContentType));
        var traces = posts.Where(p => p.Path == "/v1/traces").SelectMany(p => p.Body).ToArray();
        Assert.True(traces.AsSpan().IndexOf("casegrid-silo"u8) >= 0, "The traces do not name the service casegrid-silo.");
        Assert.True(traces.AsSpan().IndexOf("ICaseGrain"u8) >= 0, "The traces hold no case grain call.");
        collector.Stop();
        await listening;
    }

    [Fact]
    public void WithoutACollector_NothingIsCollected()
    {
        using var host = new CaseGridApiFactory();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    private static async Task ReceiveAsync(HttpListener collector, Recorded<(string, string?, byte[])> received)
    {
        while (collector.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await collector.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (InvalidOperationException) when (!collector.IsListening)
            {
                // Stopped between the check above and the wait: the test is done with it.
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static HttpRequestMessage Traced(ActivityTraceId trace, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return request;
    }

    /// <summary>The spans of <paramref name="trace"/> once one of each source in <paramref name="sources"/> has ended.</summary>
    private static Task<Activity[]> SpansAsync(Recorded<Activity> spans, ActivityTraceId trace, params string[] sources) =>
        Api.EventuallyAsync(
            () => Task.FromResult(spans.Snapshot().Where(a => a.TraceId == trace).ToArray()),
            found => sources.All(s => found.Any(a => a.Source.Name == s)),
            $"spans of {string.Join(", ", sources)} in one trace");

    private static Dictionary<string, string?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, string?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value?.ToString();
        }

        return tags;
    }
}

/// <summary>Telemetry on, exported to memory; the exporters add from many threads.</summary>
internal static class TelemetryHostSetup
{
    public static void Telemetry(this IWebHostBuilder builder, Recorded<Activity> spans, Action<IServiceCollection>? more = null)
    {
        builder.UseSetting("CaseGrid:Telemetry:Enabled", "true");
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            more?.Invoke(services);
        });
    }
}

/// <summary>A collection that many threads may add to while a test reads snapshots of it.</summary>
internal sealed class Recorded<T> : Collection<T>
{
    private readonly Lock _gate = new();

    public T[] Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
