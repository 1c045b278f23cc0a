using System.Diagnostics;
using CaseGrid.Api.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// Hub failures carry a code like REST problems, as "code: detail" (what clients read from a hub error): a refusal
/// already does; a grain the cluster could not reach is "cluster.unavailable: …", one that gave no answer to a change
/// "outcome.unknown: …", and anything unexpected "server.error: …" — never SignalR's bare "An unexpected error occurred".
/// </summary>
public sealed partial class CaseHubFilter(ILogger<CaseHubFilter> logger) : IHubFilter
{
    /// <summary>Hub methods that change something; the rest only read or join.</summary>
    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal) { nameof(CaseHub.Execute), nameof(CaseHub.LockField), nameof(CaseHub.ReleaseField) };

    /// <summary>A hub call that takes longer than this is logged: a view waiting on it shows "Henter …" meanwhile.</summary>
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            var write = Writes.Contains(invocationContext.HubMethodName);
            var error = ClusterFailures.Describe(e, write) ?? ClusterFailures.Unexpected(write);
            LogFailed(logger, e, invocationContext.HubMethodName, error.Code);
            throw new HubException($"{error.Code}: {error.Detail}");
        }
        finally
        {
            var took = Stopwatch.GetElapsedTime(started);
            if (took >= Slow)
            {
                LogSlow(logger, invocationContext.HubMethodName, (long)took.TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} took {Milliseconds} ms")]
    private static partial void LogSlow(ILogger logger, string method, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} failed ({Code})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string code);
}
