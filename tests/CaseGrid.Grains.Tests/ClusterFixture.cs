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
        var builder = NewBuilder("grains");
        builder.ConfigureSilo((_, silo) =>
        {
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
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>
    /// A two-silo test cluster of its own, with quick failure detection (a killed silo is declared dead in seconds,
    /// not the production minute) and ten-second call timeouts; the store is the caller's to add.
    /// </summary>
    public static InProcessTestClusterBuilder NewBuilder(string name)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ClusterId = $"{name}-{Guid.NewGuid():N}";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));
        return builder;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
