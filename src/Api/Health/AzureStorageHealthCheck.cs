using Azure;
using CaseGrid.Api.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseGrid.Api.Health;

/// <summary>Ready only when the Azure Storage account's table service answers.</summary>
public sealed class AzureStorageHealthCheck(AzureStorageClients clients) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in clients.Tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RequestFailedException or TimeoutException or InvalidOperationException or Azure.Identity.AuthenticationFailedException)
        {
            return HealthCheckResult.Unhealthy("Azure Storage does not answer.", e);
        }
    }
}
