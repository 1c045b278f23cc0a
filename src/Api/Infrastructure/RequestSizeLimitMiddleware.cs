using Microsoft.AspNetCore.Http.Features;

namespace CaseGrid.Api.Infrastructure;

/// <summary>Refuses request bodies over the limit with 413 before anything reads them, on every server.</summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, long maxBytes)
{
    /// <summary>Handle a request.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = $"Request bodies are limited to {maxBytes} bytes.",
                    Type = "urn:casegrid:problem:request.too-large",
                    Extensions = { ["code"] = "request.too-large" },
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        await next(context);
    }
}
