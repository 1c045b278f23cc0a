using System.Security.Cryptography;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Secrets;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on writes: the first request with a key runs and its answer is kept; a retry with the same
/// key and the same request gets that answer again without running twice; the same key on a different request is
/// refused (422), and a retry while the first is still running gets 409. Keys are per caller (user and system).
/// A kept record holds the request's hash, the status, content type and Location, the case the write was for, and the
/// answer's body sealed under the master key (bound to its caller and key): no plan text is readable in it, and
/// erasing a case deletes the records of writes to it.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, NpgsqlDataSource dataSource, MasterKey masterKey, ILogger<IdempotencyMiddleware> logger)
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

        await using (var claim = dataSource.CreateCommand(
            "INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
            if (await claim.ExecuteNonQueryAsync(context.RequestAborted) == 0)
            {
                await ReplayAsync(context, problems, caller, key, hash);
                return;
            }
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
            await using var store = dataSource.CreateCommand(
                "UPDATE idempotency_keys SET status_code = $3, content_type = $4, body = $5, location = $6, case_id = $7 WHERE caller = $1 AND key = $2");
            store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
            store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            store.Parameters.Add(new NpgsqlParameter<int> { TypedValue = context.Response.StatusCode });
            store.Parameters.Add(new NpgsqlParameter { Value = (object?)context.Response.ContentType ?? DBNull.Value });
            store.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = _bodies.Seal(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Owner(caller, key)) });
            var location = context.Response.Headers.Location.ToString();
            store.Parameters.Add(new NpgsqlParameter { Value = location.Length > 0 ? location : DBNull.Value });
            store.Parameters.Add(new NpgsqlParameter { Value = (object?)(request.RouteValues["caseId"] as string) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await store.ExecuteNonQueryAsync(CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task ReplayAsync(HttpContext context, IProblemDetailsService problems, string caller, string key, string hash)
    {
        await using var read = dataSource.CreateCommand(
            "SELECT request_hash, status_code, content_type, body, location FROM idempotency_keys WHERE caller = $1 AND key = $2");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var row = await read.ExecuteReaderAsync(context.RequestAborted);
        if (!await row.ReadAsync(context.RequestAborted))
        {
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.in-progress", "The first request with this key has just failed; send it again.");
            return;
        }

        if (row.GetString(0) != hash)
        {
            await ProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity, "idempotency.key-reused", $"This {Header} was used for a different request.");
            return;
        }

        if (row.IsDBNull(1))
        {
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.in-progress", "The first request with this key is still being handled; retry shortly.");
            return;
        }

        byte[] body;
        try
        {
            body = row.IsDBNull(3) ? [] : _bodies.Open(row.GetFieldValue<byte[]>(3), Owner(caller, key));
        }
        catch (CryptographicException)
        {
            // Kept before answers were sealed, or under another master key: the write happened, but its answer is lost.
            await ProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency.answer-unreadable", "The first request with this key was handled, but its answer can no longer be read; read the resource to see its state.");
            return;
        }

        // The route template, not the path: a path can name a need area ("/needs/mental-health/identify").
        LogReplayed(logger, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "an unrouted request");
        context.Response.StatusCode = row.GetInt32(1);
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (!row.IsDBNull(2))
        {
            context.Response.ContentType = row.GetString(2);
        }

        if (!row.IsDBNull(4))
        {
            context.Response.Headers.Location = row.GetString(4);
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static string Owner(string caller, string key) => $"{caller}\n{key}";

    private async Task ForgetAsync(string caller, string key)
    {
        await using var forget = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2");
        forget.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        forget.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await forget.ExecuteNonQueryAsync(CancellationToken.None);
    }

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
