using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Storage.Azure;
using CaseGrid.Grains.Units;
using CaseGrid.Grains.Work;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// An in-process cluster of two silos on Azure Storage alone (Azurite): grain state in blobs, reminders in a table, the
/// case event log, keys, partner index and work-list mail in tables — configured as the silo host configures them.
/// </summary>
public sealed class AzureClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = ClusterFixture.NewBuilder("grains-az");
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(TestDatabase.KeyWrapping);
            silo.Services.AddSingleton(TestAzure.CaseTables);
            silo.Services.AddSingleton<ICaseKeyStore>(TestAzure.Keys);
            silo.Services.AddSingleton<ICaseEventStore>(TestAzure.Log);
            silo.Services.AddSingleton<ICasePartnerIndex, AzureCasePartnerIndex>();
            silo.Services.AddSingleton<IWorkMailOutbox>(new AzureWorkMailOutbox(TestAzure.Tables, TestAzure.Prefix));
            silo.Services.AddCaseGridGrains();
            silo.UseAzureTableReminderService(o =>
            {
                o.TableServiceClient = TestAzure.Tables;
                o.TableName = $"{TestAzure.Prefix}reminders";
            });
            silo.Configure<ReminderOptions>(o => o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1));
            silo.AddAzureBlobGrainStorage(UnitGrain.StorageName, o => o.Configure<Serializer>((options, serializer) =>
            {
                options.BlobServiceClient = TestAzure.Blobs;
                options.ContainerName = $"{TestAzure.Prefix}-grainstate";
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
