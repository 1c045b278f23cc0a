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

    // A gateway lost or regained is a silo gone or come: the grains this host's viewers watch may now live elsewhere.
    .AddGatewayCountChangedHandler(services => (_, _) => services.GetRequiredService<CaseGrid.Api.Realtime.RealtimeFanout>().RenewSoon()));

var app = builder.Build();
app.MapCaseGridApi();
app.Run();
