using System.Security.Cryptography;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Secrets;
using Microsoft.Extensions.Primitives;

namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on writes: the first request with a key runs and its answer is kept; a retry with the same
/// key and the same request gets that answer again without running twice; the same key on a different request is
/// refused (422), and a retry while the first is still running gets 409. Keys are per caller (user and system).
/// A kept record holds the request's hash, the status, content type and Location, the case the write was for, and the
/// answer's body sealed under the master key (bound to its caller and key): no plan text is readable in it, and
/// erasing a case deletes the records of writes to it.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, IIdempotencyStore store, MasterKey masterKey, ILogger<IdempotencyMiddleware> logger)
{
    private readonly Sealer _bodies = new(masterKey, "casegrid/idempotency/v1");

    /// <summary>The header partners send.</summary>
    public const string Header = "Idempotency-Key";

    private const int MaxKeyLength = 200;

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
        if (key.Length is 0 or > MaxKeyLength || StringValues.IsNullOrEmpty(values) || values.Count > 1)
        {
            await ProblemAsync(context, problems, StatusCodes.Status400BadRequest, "idempotency.key-invalid", $"An {Header} is 1 to {MaxKeyLength} characters, sent once.");
            return;
        }

        var actor = context.User.ToActor();
        var caller = actor.ClientId is null ? actor.UserId : $"{actor.UserId}|{actor.ClientId}";
        request.EnableBuffering();
        var hash = await HashAsync(request, context.RequestAborted);

        if (!await store.ClaimAsync(caller, key, hash, context.RequestAborted))
        {
            await ReplayAsync(context, problems, caller, key, hash);
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
            await ForgetAsync(caller, key);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        // Server errors are not kept: the write did not happen, so a retry must really run again.
        if (context.Response.StatusCode >= 500)
        {
            await ForgetAsync(caller, key);
        }
        else
        {
            var location = context.Response.Headers.Location.ToString();
            await store.KeepAsync(
                caller,
                key,
                new KeptAnswer(hash, context.Response.StatusCode, context.Response.ContentType, _bodies.Seal(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Owner(caller, key)), location.Length > 0 ? location : null),
                request.RouteValues["caseId"] as string,
                CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task ReplayAsync(HttpContext context, IProblemDetailsService problems, string caller, string key, string hash)
    {
        if (await store.FindAsync(caller, key, context.RequestAborted) is not { } kept)
        {
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.in-progress", "The first request with this key has just failed; send it again.");
            return;
        }

        if (kept.RequestHash != hash)
        {
            await ProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity, "idempotency.key-reused", $"This {Header} was used for a different request.");
            return;
        }

        if (kept.StatusCode is not { } status)
        {
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.in-progress", "The first request with this key is still being handled; retry shortly.");
            return;
        }

        byte[] body;
        try
        {
            body = kept.SealedBody is null ? [] : _bodies.Open(kept.SealedBody, Owner(caller, key));
        }
        catch (CryptographicException)
        {
            // Kept before answers were sealed, or under another master key: the write happened, but its answer is lost.
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.answer-unreadable", "The first request with this key was handled, but its answer can no longer be read; read the resource to see its state.");
            return;
        }

        // The route template, not the path: a path can name a need area ("/needs/mental-health/identify").
        LogReplayed(logger, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "an unrouted request");
        context.Response.StatusCode = status;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (kept.ContentType is not null)
        {
            context.Response.ContentType = kept.ContentType;
        }

        if (kept.Location is not null)
        {
            context.Response.Headers.Location = kept.Location;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static string Owner(string caller, string key) => $"{caller}\n{key}";

    private Task ForgetAsync(string caller, string key) => store.ForgetAsync(caller, key, CancellationToken.None);

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
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
