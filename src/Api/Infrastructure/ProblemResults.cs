using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Infrastructure;

/// <summary>Turns domain outcomes into HTTP answers: refusals become RFC 9457 problem details.</summary>
public static class ProblemResults
{
    /// <summary>The HTTP status for a kind of refusal.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>A problem response for a refusal, carrying its code and, for conflicts, the current value.</summary>
    public static ProblemHttpResult Problem(DomainError error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.CurrentVersion is not null)
        {
            extensions["currentVersion"] = error.CurrentVersion;
        }

        if (error.Current is not null)
        {
            extensions["current"] = error.Current;
        }

        return TypedResults.Problem(
            detail: error.Detail,
            statusCode: StatusOf(error.Kind),
            title: TitleOf(error.Kind),
            type: $"urn:casegrid:problem:{error.Code}",
            extensions: extensions);
    }

    /// <summary>The answer to a command: the new version and the events, or the refusal.</summary>
    public static IResult From(CommandResult result) =>
        result.Error is { } error ? Problem(error) : TypedResults.Ok(new CommandResponse(result.Version, result.Events));

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => "The request is not valid.",
        ErrorKind.Forbidden => "You may not do this.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        _ => "The request breaks a rule of the case.",
    };
}

/// <summary>The answer to an accepted command.</summary>
/// <param name="Version">The case version after the command.</param>
/// <param name="Events">The events it wrote (empty when it changed nothing).</param>
public sealed record CommandResponse(long Version, ImmutableArray<CaseEventRecord> Events);
