using System.Net;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Grains;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Units;
using CaseGrid.Silo.Demo;
using CaseGrid.Silo.Operations;
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

    /// <summary>Add the silo, its storage, the schema migration that precedes it, and the demo loader when asked.</summary>
    public static IHostApplicationBuilder AddCaseGridSilo(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var connectionString = config.GetConnectionString("casegrid")
            ?? throw new InvalidOperationException("ConnectionStrings:casegrid is required.");
        var cluster = config.GetSection(CaseGridClusterOptions.SectionName).Get<CaseGridClusterOptions>() ?? new();
        var silo = config.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new();

        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddCaseGridGrains();

        // Registered before the silo so the schema exists when clustering first reads its tables.
        builder.Services.AddHostedService<SchemaHostedService>();

        builder.UseOrleans(orleans =>
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
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            orleans.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(cluster.ResponseTimeoutSeconds));
            orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        });

        builder.Services.AddHostedService<SweepScheduler>();
        builder.Services.AddHostedService<MembershipWatcher>();
        builder.Services.AddHostedService<RuleSetRefresher>();
        if (silo.SeedDemo)
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
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

    /// <summary>Applies the schema before anything else starts.</summary>
    private sealed class SchemaHostedService(NpgsqlDataSource dataSource) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => SchemaMigrator.ApplyAsync(dataSource, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
