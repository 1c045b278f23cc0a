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
        // The caller's share is the same for every call on a connection (its token and address do not change).
        var context = invocationContext.Context;
        if (!context.Items.TryGetValue(typeof(HubRateLimitFilter), out var key) || key is not string)
        {
            key = context.Items[typeof(HubRateLimitFilter)] = CallerRateLimiter.KeyOf(context.User!, context.GetHttpContext()?.Connection.RemoteIpAddress);
        }

        using var lease = callers.Limiter.AttemptAcquire((string)key);
        return lease.IsAcquired
            ? await next(invocationContext)
            : throw new HubException($"{CallerRateLimiter.Code}: {CallerRateLimiter.Detail}");
    }
}
