namespace CaseGrid.Api.Infrastructure;

/// <summary>The code of a problem that did not set one itself: from its CaseGrid type, else from its status.</summary>
public static class ProblemCodes
{
    private const string TypePrefix = "urn:casegrid:problem:";

    /// <summary>The code for <paramref name="problem"/>.</summary>
    public static string Of(Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        problem.Type is { } type && type.StartsWith(TypePrefix, StringComparison.Ordinal) ? type[TypePrefix.Length..] : problem.Status switch
        {
            StatusCodes.Status400BadRequest => "request.invalid",
            StatusCodes.Status401Unauthorized => "auth.required",
            StatusCodes.Status403Forbidden => "auth.forbidden",
            StatusCodes.Status404NotFound => "route.not-found",
            StatusCodes.Status405MethodNotAllowed => "method.not-allowed",
            StatusCodes.Status413PayloadTooLarge => "request.too-large",
            StatusCodes.Status415UnsupportedMediaType => "body.content-type",
            StatusCodes.Status429TooManyRequests => "rate-limited",
            StatusCodes.Status503ServiceUnavailable => ClusterFailures.Unavailable,
            _ => ClusterFailures.ServerError,
        };
}
