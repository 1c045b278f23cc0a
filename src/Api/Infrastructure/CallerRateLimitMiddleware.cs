using System.Globalization;
using System.Threading.RateLimiting;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Every request counts against its caller's share (<see cref="CallerRateLimiter"/>, the same share the hub's calls
/// take); over it, 429 with Retry-After and the <c>rate.limited</c> problem. It stands in for ASP.NET Core's rate
/// limiting middleware, which makes a partitioned limiter of its own for endpoint policies (CaseGrid has none) whose
/// timer wakes the host ten times a second, also when nobody is calling.
/// </summary>
public sealed partial class CallerRateLimitMiddleware(RequestDelegate next, CallerRateLimiter callers, ILogger<CallerRateLimitMiddleware> logger)
{
    /// <summary>Handle a request.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        using var lease = callers.Limiter.AttemptAcquire(CallerRateLimiter.KeyOf(context.User, context.Connection.RemoteIpAddress));
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        LogRefused(logger);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = CallerRateLimiter.Detail,
                Type = $"urn:casegrid:problem:{CallerRateLimiter.Code}",
                Extensions = { ["code"] = CallerRateLimiter.Code },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A request was refused: its caller has used its share of requests")]
    private static partial void LogRefused(ILogger logger);
}
