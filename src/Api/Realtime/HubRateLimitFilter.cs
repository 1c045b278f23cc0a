using CaseGrid.Api.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace CaseGrid.Api.Realtime;

/// <summary>Every hub call counts against its caller's share of requests, as a REST request does; over it, the call is refused.</summary>
public sealed class HubRateLimitFilter(CallerRateLimiter callers) : IHubFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        using var lease = callers.Limiter.AttemptAcquire(CallerRateLimiter.KeyOf(context.User!, context.GetHttpContext()?.Connection.RemoteIpAddress));
        return lease.IsAcquired
            ? await next(invocationContext)
            : throw new HubException($"{CallerRateLimiter.Code}: {CallerRateLimiter.Detail}");
    }
}
