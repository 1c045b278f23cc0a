using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Api.Infrastructure.Idempotency;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Mvc;

namespace CaseGrid.Api.Endpoints;

/// <summary>Sends a command to its case grain as the calling user and answers with the outcome.</summary>
internal static class CaseCommandHandler
{
    public static async Task<IResult> SendAsync(IGrainFactory grains, HttpContext http, string caseId, CaseCommand? command)
    {
        if (!CaseGridIds.IsValid(caseId))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "id.invalid", "The case id is not valid."));
        }

        if (command is null)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "body.required", "A JSON body is required."));
        }

        // The Idempotency-Key is the command's id at its case: a retry after an unknown outcome is applied at most once.
        var result = await CaseGridTelemetry.ExecuteAsync(grains.Case(caseId), command, http.User.ToActor(), CaseGridTelemetry.RestChannel, IdempotencyMiddleware.KeyOf(http.Request));
        return ProblemResults.From(result);
    }

    /// <summary>Map <c>{method} {pattern}</c> to a command built from the JSON body and the route values.</summary>
    public static RouteHandlerBuilder MapCommand<TBody>(this RouteGroupBuilder group, string method, string pattern, Func<TBody, RouteValueDictionary, CaseCommand> toCommand)
        where TBody : class =>
        group.MapMethods(pattern, [method], (string caseId, [FromBody] TBody? body, HttpContext http, IGrainFactory grains) =>
                SendAsync(grains, http, caseId, body is null ? null : toCommand(body, http.Request.RouteValues)))
            .Accepts<TBody>("application/json")
            .ProducesCommandOutcomes();

    /// <summary>Map <c>POST {pattern}</c> to a command that needs no body.</summary>
    public static RouteHandlerBuilder MapCommand(this RouteGroupBuilder group, string pattern, Func<RouteValueDictionary, CaseCommand> toCommand) =>
        group.MapPost(pattern, (string caseId, HttpContext http, IGrainFactory grains) =>
                SendAsync(grains, http, caseId, toCommand(http.Request.RouteValues)))
            .ProducesCommandOutcomes();

    /// <summary>A route value as text.</summary>
    public static string Route(this RouteValueDictionary values, string name) => values[name]?.ToString() ?? "";

    /// <summary>The answers a command may get: the new version and events, or a problem.</summary>
    public static RouteHandlerBuilder ProducesCommandOutcomes(this RouteHandlerBuilder builder) => builder
        .Produces<CommandResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);
}
