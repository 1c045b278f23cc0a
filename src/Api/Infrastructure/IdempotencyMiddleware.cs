using CaseGrid.Api.Auth;
using Microsoft.Extensions.Primitives;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on writes: the first request with a key runs and its answer is kept; a retry with the same
/// key and the same request gets that answer again without running twice; the same key on a different request is
/// refused (422), and a retry while the first is still running gets 409. Keys are per caller (user and system), in
/// <see cref="IdempotencyStore"/>, shared with the hub's command ids. A case command carries its key to the case as
/// its command id, so a retry after an answer lost to a failure ("outcome unknown", 504) is applied at most once.
/// Kept answers are sealed under the master key, and erasing a case deletes the records of writes to it.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, ILogger<IdempotencyMiddleware> logger)
{
    /// <summary>The header partners send.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The key of a request, when it has a valid one (the case command it carries uses it as its command id).</summary>
    public static string? KeyOf(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var values) && values.Count == 1 && IdempotencyStore.IsValidKey(values.ToString()) ? values.ToString() : null;

    /// <summary>Handle a request.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !request.Path.StartsWithSegments("/api")
            || !request.Headers.TryGetValue(Header, out var values) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (!IdempotencyStore.IsValidKey(key) || StringValues.IsNullOrEmpty(values) || values.Count > 1)
        {
            await ProblemAsync(context, problems, StatusCodes.Status400BadRequest, "idempotency.key-invalid", $"An {Header} is 1 to {IdempotencyStore.MaxKeyLength} characters, sent once.");
            return;
        }

        var caller = IdempotencyStore.Caller(context.User.ToActor());
        request.EnableBuffering();
        var hash = await HashAsync(request, context.RequestAborted);
        if (await store.ClaimAsync(caller, key, hash, context.RequestAborted) is { } stored)
        {
            await ReplayAsync(context, problems, stored, hash);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await store.ForgetAsync(caller, key);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        // Server errors are not kept: a retry runs again (a case command it carries is applied at most once by its case).
        if (context.Response.StatusCode >= 500)
        {
            await store.ForgetAsync(caller, key);
        }
        else
        {
            var location = context.Response.Headers.Location.ToString();
            await store.CompleteAsync(caller, key, context.Response.StatusCode, context.Response.ContentType, buffer.GetBuffer().AsMemory(0, (int)buffer.Length),
                location.Length > 0 ? location : null, request.RouteValues["caseId"] as string);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task ReplayAsync(HttpContext context, IProblemDetailsService problems, IdempotencyStore.Stored stored, string hash)
    {
        if (stored.RequestHash != hash)
        {
            await ProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity, "idempotency.key-reused", $"This {Header} was used for a different request.");
            return;
        }

        if (stored.StatusCode is not { } status)
        {
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.in-progress", "The first request with this key is still being handled; retry shortly.");
            return;
        }

        if (stored.Unreadable)
        {
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.answer-unreadable", "The first request with this key was handled, but its answer can no longer be read; read the resource to see its state.");
            return;
        }

        // The route template, not the path: a path can name a need area ("/needs/mental-health/identify").
        LogReplayed(logger, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "an unrouted request");
        context.Response.StatusCode = status;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (stored.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        if (stored.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        await context.Response.Body.WriteAsync(stored.Body ?? [], context.RequestAborted);
    }

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;
        return IdempotencyStore.Hash($"{request.Method} {request.Path}{request.QueryString}\n", body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    private static Task ProblemAsync(HttpContext context, IProblemDetailsService problems, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = "The Idempotency-Key cannot be honoured.", Detail = detail, Type = $"urn:casegrid:problem:{code}", Extensions = { ["code"] = code } },
        }).AsTask();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed the stored answer to {Route} for a repeated Idempotency-Key")]
    private static partial void LogReplayed(ILogger logger, string route);
}
