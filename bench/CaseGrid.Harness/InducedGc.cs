using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace CaseGrid.Harness;

/// <summary>
/// A full, blocking garbage collection in another .NET process, asked for over its diagnostics port (EventPipe with the
/// runtime's GCHeapCollect keyword, as dotnet-gcdump does), so its resident memory is measured without the garbage
/// its last work left behind.
/// </summary>
internal static class InducedGc
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task CollectAsync(int pid)
    {
        var client = new DiagnosticsClient(pid);
        var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword) };
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        // The session's stream must be read while it runs; the collection happens as the session starts.
        using var drain = new CancellationTokenSource();
        var reading = session.EventStream.CopyToAsync(Stream.Null, drain.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await session.StopAsync(CancellationToken.None);
        await drain.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
    }
}
