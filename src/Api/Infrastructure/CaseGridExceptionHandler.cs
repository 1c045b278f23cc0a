using Microsoft.AspNetCore.Diagnostics;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// A request that fails with an exception of the cluster gets an RFC 9457 problem with a stable code: a grain call the
/// cluster could not deliver is 503 <c>cluster.unavailable</c>; a write that got no answer is 504
/// <c>outcome.unknown</c>; anything else unexpected is 500 <c>server.error</c>. 503 and 504 carry Retry-After.
/// </summary>
public sealed class CaseGridExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException)
        {
            return false;
        }

        var write = !HttpMethods.IsGet(httpContext.Request.Method) && !HttpMethods.IsHead(httpContext.Request.Method);
        var details = ClusterFailures.Describe(exception, write) is { } error
            ? ProblemResults.Details(error)
            : new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = ClusterFailures.Unexpected(write).Detail,
                Type = $"urn:casegrid:problem:{ClusterFailures.ServerError}",
                Extensions = { ["code"] = ClusterFailures.ServerError },
            };
        httpContext.Response.StatusCode = details.Status!.Value;
        if (details.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout)
        {
            httpContext.Response.Headers.RetryAfter = ClusterFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
