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
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.OutcomeUnknown => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>A problem response for a refusal, carrying its code and, for conflicts, the current value.</summary>
    public static ProblemHttpResult Problem(DomainError error) => TypedResults.Problem(Details(error));

    /// <summary>The problem details of a refusal: its status, title, type, detail, code and, for conflicts, the current value.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails Details(DomainError error)
    {
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Detail = error.Detail,
            Status = StatusOf(error.Kind),
            Title = TitleOf(error.Kind),
            Type = $"urn:casegrid:problem:{error.Code}",
            Extensions = { ["code"] = error.Code },
        };
        if (error.CurrentVersion is not null)
        {
            details.Extensions["currentVersion"] = error.CurrentVersion;
        }

        if (error.Current is not null)
        {
            details.Extensions["current"] = error.Current;
        }

        return details;
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
        ErrorKind.Unavailable => "The case cannot be reached right now; nothing was changed.",
        ErrorKind.OutcomeUnknown => "No answer came; the change may or may not have been made.",
        _ => "The request breaks a rule of the case.",
    };
}

/// <summary>The answer to an accepted command.</summary>
/// <param name="Version">The case version after the command.</param>
/// <param name="Events">The events it wrote (empty when it changed nothing).</param>
public sealed record CommandResponse(long Version, ImmutableArray<CaseEventRecord> Events);
