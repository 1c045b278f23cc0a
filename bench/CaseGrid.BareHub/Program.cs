using CaseGrid.BareHub;

// The ceiling of the transport on this machine: ASP.NET Core SignalR with nothing behind it — no Orleans, no storage,
// no authorisation. The benchmark harness drives it exactly as it drives CaseGrid's hub.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();
var app = builder.Build();
app.MapHub<BroadcastHub>(BroadcastHub.Path);
app.MapGet("/health", () => TypedResults.Ok("live"));
app.Run();
