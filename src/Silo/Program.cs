using CaseGrid.Api;
using CaseGrid.Grains.Storage;
using CaseGrid.Silo;
using CaseGrid.Silo.Operations;
using Npgsql;

// `CaseGrid.Silo migrate`: the deployment's migration step applies the schema as the migration role, then exits.
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
    await SchemaMigrator.ApplyAsync(dataSource);
    Console.WriteLine($"migrate: {SchemaMigrator.ScriptNames.Count} schema files applied.");
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
