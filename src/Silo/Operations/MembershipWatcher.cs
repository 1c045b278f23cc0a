using CaseGrid.Api.Realtime;

namespace CaseGrid.Silo.Operations;

/// <summary>
/// When a silo joins or dies, the grains this host's live viewers watch may be moving to another silo. The API part
/// of this host then renews its subscriptions at once rather than at its next periodic round, so pushes to its
/// viewers resume as soon as the grains are reachable again. A silo without the API has nothing to renew.
/// </summary>
internal sealed class MembershipWatcher(IClusterMembershipService membership, IServiceProvider services) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fanout = services.GetService<RealtimeFanout>();
        if (fanout is null)
        {
            return;
        }

        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                if (previous is not null && snapshot.CreateUpdate(previous).Changes.Any(c => c.Status is SiloStatus.Dead or SiloStatus.Active))
                {
                    fanout.RenewSoon();
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
