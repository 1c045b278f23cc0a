using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Storage.Azure;
using CaseGrid.Grains.Units;
using CaseGrid.Grains.Work;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// An in-process cluster of two silos whose grain state, reminders and case event log live in the real PostgreSQL, or —
/// when <c>CASEGRID_TEST_STORAGE=azure</c> (the test command's Azure Storage leg) — in Azure Storage (Azurite) alone,
/// configured as the silo host configures each store.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    /// <summary>Whether this run's grain tests run on Azure Storage rather than PostgreSQL.</summary>
    public static bool OnAzureStorage => Environment.GetEnvironmentVariable("CASEGRID_TEST_STORAGE") is "azure";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The PostgreSQL store; tests that look into it carry the trait <c>Store=PostgreSQL</c> and do not run on Azure Storage.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("This run is on Azure Storage: a test that reads PostgreSQL is marked [Trait(\"Store\", \"PostgreSQL\")].");

    /// <summary>The case event log the silos write.</summary>
    public ICaseEventStore Log { get; private set; } = null!;

    /// <summary>The case snapshots the silos write.</summary>
    public ICaseSnapshotStore Snapshots { get; private set; } = null!;

    /// <summary>The case keys the silos keep.</summary>
    public ICaseKeyStore Keys { get; private set; } = null!;

    /// <summary>How often the silos take a case's snapshot: often, so every test's cases pass through them.</summary>
    public const int SnapshotEvery = 10;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = NewBuilder("grains");
        if (OnAzureStorage)
        {
            Log = TestAzure.Log;
            Snapshots = TestAzure.Snapshots;
            Keys = TestAzure.Keys;
            builder.ConfigureSilo((_, silo) => UseAzureStorage(silo));
        }
        else
        {
            _dataSource = await TestDatabase.GetAsync();
            Log = TestDatabase.Log(_dataSource);
            Snapshots = new PostgresCaseSnapshotStore(_dataSource, TestDatabase.KeyWrapping);
            Keys = new PostgresCaseKeyStore(_dataSource, TestDatabase.KeyWrapping);
            builder.ConfigureSilo((_, silo) => UsePostgreSql(silo, _dataSource));
        }

        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static void UsePostgreSql(ISiloBuilder silo, NpgsqlDataSource dataSource)
    {
        silo.Services.AddSingleton(dataSource);
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
    }

    private static void UseAzureStorage(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(TestDatabase.KeyWrapping);
        silo.Services.AddSingleton(TestAzure.CaseTables);
        silo.Services.AddSingleton<ICaseKeyStore>(TestAzure.Keys);
        silo.Services.AddSingleton<ICaseEventStore>(TestAzure.Log);
        silo.Services.AddSingleton<ICaseSnapshotStore>(TestAzure.Snapshots);
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
    }

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
            silo.Configure<Cases.CaseSnapshotOptions>(o => o.Every = SnapshotEvery);
            silo.Configure<Work.WorkOptions>(o => o.UnusedListSeconds = 1);
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
