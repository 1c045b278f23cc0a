using System.Text.Json;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Every request that fails with an exception gets an RFC 9457 problem with a stable code: a body that is not JSON (or
/// not the JSON expected) is <c>body.malformed</c>; a grain call the cluster could not deliver is 503
/// <c>cluster.unavailable</c>; a write that got no answer is 504 <c>outcome.unknown</c>; anything else is 500
/// <c>server.error</c>. 503 and 504 carry Retry-After.
/// </summary>
public sealed partial class CaseGridExceptionHandler(IProblemDetailsService problems, ILogger<CaseGridExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var write = !HttpMethods.IsGet(httpContext.Request.Method) && !HttpMethods.IsHead(httpContext.Request.Method);
        var error = exception switch
        {
            BadHttpRequestException bad => BadRequest(bad),
            _ => ClusterFailures.Describe(exception, write),
        };
        var details = error is not null
            ? ProblemResults.Details(error)
            : new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = ClusterFailures.Unexpected(write).Detail,
                Type = $"urn:casegrid:problem:{ClusterFailures.ServerError}",
                Extensions = { ["code"] = ClusterFailures.ServerError },
            };
        if (exception is BadHttpRequestException { StatusCode: var status } && error is { Kind: ErrorKind.BadRequest })
        {
            // The client's error, not the server's: the framework's own record of it as an unhandled exception is
            // suppressed, so it is recorded here, by its code.
            details.Status = status;
            LogClientError(logger, exception, error.Code);
        }

        httpContext.Response.StatusCode = details.Status!.Value;
        if (details.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout)
        {
            httpContext.Response.Headers.RetryAfter = ClusterFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>A request the framework could not bind: a body that is not the JSON expected, or another malformed part.</summary>
    private static DomainError BadRequest(BadHttpRequestException bad) => bad switch
    {
        { StatusCode: StatusCodes.Status400BadRequest } when IsBody(bad) => new DomainError(
            ErrorKind.BadRequest, "body.malformed", "The request body is not the JSON this endpoint expects."),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new DomainError(
            ErrorKind.BadRequest, "body.content-type", "The request body must be JSON (Content-Type: application/json)."),
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => new DomainError(
            ErrorKind.BadRequest, "request.too-large", "The request is too large."),
        _ => new DomainError(ErrorKind.BadRequest, "request.invalid", "The request could not be read."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "A request was refused as malformed ({Code})")]
    private static partial void LogClientError(ILogger logger, Exception exception, string code);

    private static bool IsBody(BadHttpRequestException bad) =>
        bad.InnerException is JsonException || bad.Message.Contains("request body", StringComparison.Ordinal);
}
