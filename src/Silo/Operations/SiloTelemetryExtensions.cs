using CaseGrid.Api.Infrastructure;

namespace CaseGrid.Silo.Operations;

/// <summary>OpenTelemetry for a silo host, with Orleans' activity propagation so grain calls join the request's trace.</summary>
public static class SiloTelemetryExtensions
{
    /// <summary>Add telemetry as <c>casegrid-silo</c> when it is configured (see <see cref="TelemetryOptions"/>).</summary>
    public static IHostApplicationBuilder AddCaseGridSiloTelemetry(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.IsTelemetryEnabled())
        {
            builder.AddCaseGridTelemetry(CaseGridTelemetry.SiloService);
            builder.UseOrleans(orleans => orleans.AddActivityPropagation());
        }

        return builder;
    }
}
