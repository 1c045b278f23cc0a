namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Where traces, metrics and logs go. Telemetry is collected only when it has somewhere to go: an OTLP endpoint from
/// <see cref="OtlpEndpoint"/> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable, or <see cref="Enabled"/>
/// set by a host that adds its own exporter (the tests).
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Telemetry";

    /// <summary>The standard variable (and configuration key) naming an OTLP collector.</summary>
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>An OTLP collector, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318</c> with <see cref="OtlpProtocol"/> <c>http/protobuf</c>.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>; only read with <see cref="OtlpEndpoint"/>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Collect even without an OTLP endpoint (true), never (false), or only with one (unset).</summary>
    public bool? Enabled { get; set; }
}
