using CaseGrid.Grains.Units;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CaseGrid.Grains.Tests;

/// <summary>An in-process cluster of two silos whose grain state and case event log live in the real PostgreSQL.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        DataSource = await TestDatabase.GetAsync();
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ClusterId = $"grains-{Guid.NewGuid():N}";
        builder.ConfigureSilo((_, silo) =>
        {
            // Quick failure detection so a killed silo is declared dead in seconds, not the production minute.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            silo.Services.AddSingleton(DataSource);
            silo.Services.AddSingleton(TestDatabase.KeyWrapping);
            silo.Services.AddCaseGridGrains();
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = TestDatabase.ConnectionString;
            });
            silo.Configure<ReminderOptions>(o => o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1));
            silo.AddAdoNetGrainStorage(UnitGrain.StorageName, o => o.Configure<Serializer>((options, serializer) =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = TestDatabase.ConnectionString;
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
