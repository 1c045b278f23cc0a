using CaseGrid.Api;
using CaseGrid.Silo;
using CaseGrid.Silo.Operations;

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

/// <summary>The silo host's entry point (also the anchor type for integration tests).</summary>
public partial class Program;
