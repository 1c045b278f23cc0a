using CaseGrid.Api;
using CaseGrid.Api.Secrets;
using CaseGrid.Grains.Storage;
using CaseGrid.Silo;
using CaseGrid.Silo.Operations;
using Npgsql;

// `CaseGrid.Silo migrate`: the deployment's migration step applies the schema's pending migrations as the migration
// role, then exits; given the master key too (CaseGrid:Secrets:MasterKeyFile), it checks the cases are sealed under it.
if (args is ["migrate", ..])
{
    var settings = WebApplication.CreateBuilder(args[1..]).Configuration;
    var migrations = settings.GetConnectionString(CaseGridSiloExtensions.MigrationsConnectionName);
    if (string.IsNullOrEmpty(migrations))
    {
        Console.Error.WriteLine("migrate: ConnectionStrings:migrations (the role that owns the schema) is required.");
        return 2;
    }

    await using var dataSource = NpgsqlDataSource.Create(migrations);
    try
    {
        var report = await SchemaMigrator.ApplyAsync(dataSource);
        Console.WriteLine($"migrate: {report.Applied.Count} migrations applied{(report.Applied.Count > 0 ? $" ({string.Join(", ", report.Applied)})" : "")}, " +
            $"{report.Baselined.Count} recorded from before the journal, {report.AlreadyApplied} applied earlier" +
            (report.Unknown.Count > 0 ? $", {report.Unknown.Count} from a newer release ({string.Join(", ", report.Unknown)})" : "") +
            (report.FeedClockMoved ? "; the feed's clock moved on past the restored log" : "") + ".");
        if (!string.IsNullOrEmpty(settings[MasterKey.FileSetting]))
        {
            var masterKey = MasterKey.FromConfiguration(settings);
            await DatabaseStartup.CheckMasterKeyAsync(dataSource, CaseGridSiloExtensions.KeyWrapping(masterKey), CancellationToken.None);
            Console.WriteLine($"migrate: every case is sealed under master key {masterKey.Fingerprint}.");
        }
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"migrate: {e.Message}");
        return 1;
    }

    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCaseGridSilo();
builder.AddCaseGridSiloTelemetry();
builder.AddCaseGridDashboard();

// One machine by default: the same process serves the API; scale-out silos set CaseGrid:Silo:HostApi=false.
var hostApi = builder.Configuration.GetValue($"{SiloOptions.SectionName}:{nameof(SiloOptions.HostApi)}", true);
if (hostApi)
{
    builder.AddCaseGridApi();
}

var app = builder.Build();
if (hostApi)
{
    app.MapCaseGridApi();
    app.MapCaseGridDashboard();
}
else
{
    app.MapGet("/health/live", () => TypedResults.Ok("live"));
}

app.Run();
return 0;

/// <summary>The silo host's entry point (also the anchor type for integration tests).</summary>
public partial class Program;
