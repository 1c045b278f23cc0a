using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseGrid.Api.Health;

/// <summary>Ready only when the Orleans cluster answers a grain call (which also reads grain storage).</summary>
public sealed class OrleansHealthCheck(IGrainFactory grains) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.Unit("health-probe").GetInfoAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster does not answer.", e);
        }
    }
}
