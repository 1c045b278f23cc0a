using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CaseGrid.Harness;

/// <summary>
/// A full, blocking garbage collection in another .NET process, asked for over its diagnostics port (EventPipe with the
/// runtime's GCHeapCollect keyword, as dotnet-gcdump does), so its memory is measured without the garbage its last work
/// left behind. Returns the managed heap that survived the collection (the runtime's GCHeapStats event), or null.
/// </summary>
internal static class InducedGc
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task<long?> CollectAsync(int pid)
    {
        var client = new DiagnosticsClient(pid);
        var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword) };
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        long? heap = null;
        var induced = false;
        var collected = new TaskCompletionSource();
        using var source = new EventPipeEventSource(session.EventStream);

        // Only the statistics of the full collection this session asked for: a collection of the process's own that
        // happens to run as the session starts would report garbage as alive, and end the wait before ours has run.
        source.Clr.GCStart += start => induced |= start.Depth == 2 && start.Reason is GCReason.Induced or GCReason.InducedNotForced or GCReason.InducedCompacting;
        source.Clr.GCHeapStats += stats =>
        {
            if (!induced)
            {
                return;
            }

            // Gen 0–2, the large and the pinned object heaps after the collection: what is alive.
            heap = stats.GenerationSize0 + stats.GenerationSize1 + stats.GenerationSize2 + stats.GenerationSize3 + stats.GenerationSize4;
            collected.TrySetResult();
        };
        var reading = Task.Run(source.Process);
        await Task.WhenAny(collected.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        await session.StopAsync(CancellationToken.None);
        await reading;
        return heap;
    }
}
