using Microsoft.AspNetCore.Routing;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// OpenTelemetry for a CaseGrid host: ASP.NET Core, HttpClient, Npgsql, Orleans and CaseGrid's own spans and
/// metrics, exported over OTLP when a collector is configured. Without one nothing is collected, so the default run
/// and the tests need no collector and pay nothing for it.
/// </summary>
public static class TelemetryHostingExtensions
{
    /// <summary>Whether this host collects telemetry, from <see cref="TelemetryOptions"/> and the standard OTLP variable.</summary>
    public static bool IsTelemetryEnabled(this IConfiguration config)
    {
        var options = config.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();
        return options.Enabled ?? (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) || !string.IsNullOrWhiteSpace(config[TelemetryOptions.StandardEndpointKey]));
    }

    /// <summary>Telemetry for a separate API host (<c>casegrid-api</c>), with Orleans' activity propagation on its cluster client.</summary>
    public static IHostApplicationBuilder AddCaseGridApiHostTelemetry(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.IsTelemetryEnabled())
        {
            builder.AddCaseGridTelemetry(CaseGridTelemetry.ApiService);
            builder.UseOrleansClient(client => client.AddActivityPropagation());
        }

        return builder;
    }

    /// <summary>
    /// Add tracing, metrics and (with a collector) logs under <paramref name="serviceName"/>. The caller turns on Orleans'
    /// activity propagation on its silo or client, which lives in packages this project does not reference.
    /// </summary>
    public static IHostApplicationBuilder AddCaseGridTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var config = builder.Configuration;
        if (!config.IsTelemetryEnabled())
        {
            return builder;
        }

        var options = config.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r
                .AddService(serviceName, serviceNamespace: "casegrid")
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/health");

                    // The raw path can name a need area ("/needs/mental-health/..."); the route template cannot.
                    o.EnrichWithHttpResponse = (activity, response) =>
                    {
                        if (response.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
                        {
                            activity.SetTag("url.path", route);
                        }
                    };
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Microsoft.AspNetCore.SignalR.Server")
                .AddSource([.. CaseGridTelemetry.OrleansSources])
                .AddSource(CaseGridTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("System.Runtime", CaseGridTelemetry.OrleansMeter, CaseGridTelemetry.Name));

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            if (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
            {
                throw new InvalidOperationException($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.OtlpEndpoint)} must be an absolute URI, e.g. http://127.0.0.1:4317.");
            }

            var protocol = options.OtlpProtocol switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                _ => throw new InvalidOperationException($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.OtlpProtocol)} must be grpc or http/protobuf."),
            };
            otel.WithLogging().UseOtlpExporter(protocol, endpoint);
        }
        else if (!string.IsNullOrWhiteSpace(config[TelemetryOptions.StandardEndpointKey]))
        {
            // The standard OTEL_EXPORTER_OTLP_* variables (protocol, headers, per-signal endpoints) apply as they are.
            otel.WithLogging().UseOtlpExporter();
        }

        return builder;
    }
}
