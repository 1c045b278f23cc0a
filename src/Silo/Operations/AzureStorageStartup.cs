using CaseGrid.Grains.Storage.Azure;

namespace CaseGrid.Silo.Operations;

/// <summary>
/// Before anything else of a silo on Azure Storage starts: the check that the cases' keys are wrapped under this process's
/// master key, as <see cref="DatabaseStartup"/> makes it on PostgreSQL — a store restored without the master key it was
/// backed up with stops the silo here, naming both keys, rather than failing case by case.
/// </summary>
internal sealed class AzureStorageStartup(AzureCaseKeyStore keys, Grains.Storage.CaseKeyWrapping wrapping) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await keys.ForeignMasterKeyAsync(cancellationToken) is { } other)
        {
            throw DatabaseStartup.ForeignMasterKey(other, wrapping.Fingerprint);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
