using CaseGrid.Api;
using CaseGrid.Api.Cluster;
using CaseGrid.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddCaseGridApi();
builder.AddCaseGridApiHostTelemetry();

// A separate API host is an Orleans client: it finds the silos through the same PostgreSQL membership table.
var cluster = builder.Configuration.GetSection(CaseGridClusterOptions.SectionName).Get<CaseGridClusterOptions>() ?? new();
var connectionString = builder.Configuration.GetConnectionString("casegrid")
    ?? throw new InvalidOperationException("ConnectionStrings:casegrid is required.");
var tls = ClusterTls.FromConfiguration(builder.Configuration, builder.Environment);
builder.UseOrleansClient(client => (tls is null ? client : client.UseTls(tls.Certificate, tls.Configure))
    .UseAdoNetClustering(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = connectionString;
    })
    .Configure<Orleans.Configuration.ClusterOptions>(o =>
    {
        o.ClusterId = cluster.ClusterId;
        o.ServiceId = cluster.ServiceId;
    })
    .Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(cluster.ResponseTimeoutSeconds))
    .Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(cluster.GatewayListRefreshSeconds)));

var app = builder.Build();
app.MapCaseGridApi();
app.Run();
