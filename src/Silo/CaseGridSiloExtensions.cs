using System.Net;
using CaseGrid.Api.Cluster;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Api.Secrets;
using CaseGrid.Api.Storage;
using CaseGrid.Grains;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Storage.Azure;
using CaseGrid.Grains.Units;
using CaseGrid.Silo.Demo;
using CaseGrid.Silo.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CaseGrid.Silo;

/// <summary>Wires an Orleans silo on PostgreSQL: clustering, grain state and reminders, plus the case event log.</summary>
public static class CaseGridSiloExtensions
{
    /// <summary>The ADO.NET invariant of the PostgreSQL driver.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The connection string (<c>ConnectionStrings:migrations</c>) of the role that owns and applies the schema.</summary>
    public const string MigrationsConnectionName = "migrations";

    /// <summary>What the case-key wrapping key is derived from the master key for.</summary>
    public const string CaseKeyWrappingPurpose = "casegrid/case-keys/v1";

    /// <summary>Add the silo, its storage, the schema migration that precedes it, and the demo loader when asked.</summary>
    public static IHostApplicationBuilder AddCaseGridSilo(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var storage = StorageOptions.FromConfiguration(config);
        builder.Services.AddCaseGridStorageOptions();
        var azure = storage.Provider == StorageProvider.AzureStorage ? new AzureStorageClients(storage.Azure) : null;
        var connectionString = azure is not null ? null : config.GetConnectionString("casegrid")
            ?? throw new InvalidOperationException("ConnectionStrings:casegrid is required.");
        var cluster = config.GetSection(CaseGridClusterOptions.SectionName).Get<CaseGridClusterOptions>() ?? new();
        var silo = config.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new();
        var tls = ClusterTls.FromConfiguration(config, builder.Environment);

        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Domain.CaseLimits>().BindConfiguration(Domain.CaseLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Grains.Cases.CaseSnapshotOptions>().BindConfiguration(Grains.Cases.CaseSnapshotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (azure is not null)
        {
            // The case core on Azure tables; registered before the grains' PostgreSQL defaults, which then stand aside.
            builder.Services.AddSingleton(azure);
            builder.Services.AddSingleton(new AzureCaseTables(azure.Tables, azure.Prefix));
            builder.Services.AddSingleton<AzureCaseKeyStore>();
            builder.Services.AddSingleton<ICaseKeyStore>(sp => sp.GetRequiredService<AzureCaseKeyStore>());
            builder.Services.AddSingleton<ICaseEventStore, AzureCaseEventStore>();
            builder.Services.AddSingleton<ICaseSnapshotStore, AzureCaseSnapshotStore>();
            builder.Services.AddSingleton<ICasePartnerIndex, AzureCasePartnerIndex>();
            builder.Services.AddSingleton<Grains.Work.IWorkMailOutbox>(new AzureWorkMailOutbox(azure.Tables, azure.Prefix));
        }
        else
        {
            builder.Services.AddSingleton(_ => CaseGridDataSource.Create(connectionString!));
        }


        // Every case's data key is wrapped under a key derived from the master key; a silo without it does not start.
        var masterKey = MasterKey.FromConfiguration(config);
        builder.Services.TryAddSingleton(masterKey);
        builder.Services.AddSingleton(KeyWrapping(masterKey));
        builder.Services.AddCaseGridGrains();

        // The schema is applied by the migration role, never the application's: a silo given that role's connection
        // string applies the pending migrations before clustering first reads its tables (development, tests); in
        // production the migration step (`CaseGrid.Silo migrate`, or deploy/pg.sh apply-schema) does, and the silos
        // never hold the owner's password. Either way the silo checks the master key against the cases' keys first.
        // On Azure Storage the tables and containers are made by the stores themselves on first use, and only the master
        // key is checked.
        if (azure is not null)
        {
            builder.Services.AddHostedService<AzureStorageStartup>();
        }
        else
        {
            var migrations = config.GetConnectionString(MigrationsConnectionName) is { Length: > 0 } m ? m : null;
            builder.Services.AddHostedService(services => new DatabaseStartup(
                services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<CaseKeyWrapping>(), migrations,
                services.GetRequiredService<ILogger<DatabaseStartup>>()));
        }

        builder.UseOrleans(orleans =>
        {
            if (azure is not null)
            {
                UseAzureStorage(orleans, azure);
            }
            else
            {
                UseAdoNet(orleans, connectionString!);
            }

            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            orleans.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(cluster.ResponseTimeoutSeconds));
            orleans.Configure<GrainDirectoryOptions>(o => o.CacheSize = cluster.DirectoryCacheSize);

            // Failure detection tuned for seconds, not Orleans' ten to fifteen: see docs/operations.md, "Failover".
            orleans.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromMilliseconds(cluster.ProbeTimeoutMilliseconds);
                o.NumMissedProbesLimit = cluster.MissedProbesLimit;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(cluster.MembershipRefreshSeconds);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(Math.Max(cluster.MembershipRefreshSeconds, 5));
            });
            orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);

            // Mutual TLS on the silo and gateway ports, and on this silo's connections to others (see ClusterTls).
            if (tls is not null)
            {
                orleans.UseTls(tls.Certificate, tls.Configure);
            }
        });

        builder.Services.AddHostedService<SweepScheduler>();
        builder.Services.AddHostedService<RuleSetRefresher>();
        if (silo.SeedDemo)
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }

    /// <summary>Clustering, grain state and reminders on PostgreSQL through Orleans' ADO.NET providers.</summary>
    private static void UseAdoNet(ISiloBuilder orleans, string connectionString)
    {
        orleans.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        orleans.AddAdoNetGrainStorage(UnitGrain.StorageName, o => o.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        orleans.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
    }

    /// <summary>
    /// Clustering and reminders in Azure tables (<c>{prefix}clustering</c>, <c>{prefix}reminders</c>) and grain state in
    /// blobs (container <c>{prefix}-grainstate</c>: a unit's case index may outgrow a table entity), through Orleans'
    /// Azure Storage providers.
    /// </summary>
    private static void UseAzureStorage(ISiloBuilder orleans, AzureStorageClients azure)
    {
        orleans.UseAzureStorageClustering(o =>
        {
            o.TableServiceClient = azure.Tables;
            o.TableName = azure.TableName("clustering");
        });
        orleans.AddAzureBlobGrainStorage(UnitGrain.StorageName, o => o.Configure<Serializer>((options, serializer) =>
        {
            options.BlobServiceClient = azure.Blobs;
            options.ContainerName = $"{azure.Prefix.ToLowerInvariant()}-grainstate";
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        orleans.UseAzureTableReminderService(o =>
        {
            o.TableServiceClient = azure.Tables;
            o.TableName = azure.TableName("reminders");
        });
    }

    /// <summary>The key the cases' data keys are wrapped under, derived from the master key.</summary>
    public static CaseKeyWrapping KeyWrapping(MasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        return new CaseKeyWrapping(masterKey.Derive(CaseKeyWrappingPurpose), masterKey.Fingerprint);
    }

    /// <summary>Makes sure the daily sweep's reminder exists once the silo runs.</summary>
    private sealed class SweepScheduler(IGrainFactory grains, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() => _ = grains.GetGrain<Contracts.Sweep.ITimeSweepGrain>(Contracts.Sweep.ITimeSweepGrain.Key).EnsureScheduledAsync());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
