using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.RuleSets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>
/// The national deadline rule sets (domain §7): read by anyone signed in; published by a national administrator, with an
/// effective date, only after a dry run over every case that reports how many cases and deadlines change.
/// </summary>
public static class RuleSetEndpoints
{
    /// <summary>Map <c>/api/v1/rule-sets</c>.</summary>
    public static RouteGroupBuilder MapRuleSets(this IEndpointRouteBuilder app)
    {
        var sets = app.MapGroup("/api/v1/rule-sets").WithTags("Rule sets").RequireAuthorization();
        sets.MapGet("/", ListAsync).WithSummary("The rule set shipped with CaseGrid and every version published, with effective dates and where their lead times come from; which is in force today.");
        sets.MapGet("/{version}", GetAsync).WithSummary("One version's rule set document.");
        sets.MapPost("/dry-runs", DryRunAsync)
            .WithSummary("Start a dry run of a draft rule set (national administrators): every case's deadlines compared with the set in force on its effective date.");
        sets.MapGet("/dry-runs/{dryRunId}", DryRunStatusAsync).WithSummary("A dry run as it stands: cases compared, cases and deadlines changed, by rule.");
        sets.MapPost("/", PublishAsync).WithSummary("Publish the draft of a finished dry run (national administrators); every case recomputes with it from its effective date.");
        return sets;
    }

    private static async Task<Ok<RuleSetList>> ListAsync(IGrainFactory grains, TimeProvider clock)
    {
        var catalogue = await grains.GetGrain<IRuleSetGrain>(IRuleSetGrain.Key).GetAsync();
        var shipped = catalogue.Shipped!;
        var inForce = catalogue.InForce(NorwegianTime.DateOf(clock.GetUtcNow()))?.Version ?? shipped.Version;
        return TypedResults.Ok(new RuleSetList(
            inForce,
            [
                new RuleSetSummary(shipped.Version, null, shipped.Origin, shipped.PublishedById, shipped.PublishedByName, null, null),
                .. catalogue.Sets.Select(s => new RuleSetSummary(s.Version, s.EffectiveFrom, s.Origin, s.PublishedById, s.PublishedByName, s.PublishedAt, s.Note)),
            ]));
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetAsync(string version, IGrainFactory grains)
    {
        var catalogue = await grains.GetGrain<IRuleSetGrain>(IRuleSetGrain.Key).GetAsync();
        var json = catalogue.Sets.Prepend(catalogue.Shipped!).FirstOrDefault(s => s.Version == version)?.Json;
        return json is null
            ? ProblemResults.Problem(new DomainError(ErrorKind.NotFound, "rules.not-found", $"No rule set '{version}'."))
            : TypedResults.Ok(JsonDocument.Parse(json).RootElement.Clone());
    }

    private static async Task<Results<Accepted<DryRunReport>, ProblemHttpResult>> DryRunAsync(DryRunRequest? body, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!user.IsNationalAdmin())
        {
            return NotNationalAdmin();
        }

        if (body is null || body.Document.ValueKind != JsonValueKind.Object)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "body.required", "Send the rule set as 'document' (an object of the shape of the rule set shown at GET /api/v1/rule-sets/{version}) and 'effectiveFrom'."));
        }

        var result = await grains.GetGrain<IRuleSetGrain>(IRuleSetGrain.Key)
            .StartDryRunAsync(new RuleSetDraft(body.Document.GetRawText(), body.EffectiveFrom, body.Note), user.ToActor());
        return result.Error is { } error
            ? ProblemResults.Problem(error)
            : TypedResults.Accepted($"/api/v1/rule-sets/dry-runs/{result.Report!.DryRunId}", result.Report);
    }

    private static async Task<Results<Ok<DryRunReport>, ProblemHttpResult>> DryRunStatusAsync(string dryRunId, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!user.IsNationalAdmin())
        {
            return NotNationalAdmin();
        }

        var report = CaseGridIds.IsValid(dryRunId) ? await grains.GetGrain<IRuleSetGrain>(IRuleSetGrain.Key).GetDryRunAsync(dryRunId) : null;
        return report is null
            ? ProblemResults.Problem(new DomainError(ErrorKind.NotFound, "rules.dry-run-not-found", $"No dry run '{dryRunId}'."))
            : TypedResults.Ok(report);
    }

    private static async Task<Results<Created<PublishedRuleSetView>, ProblemHttpResult>> PublishAsync(PublishRequest? body, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!user.IsNationalAdmin())
        {
            return NotNationalAdmin();
        }

        if (body is null || !CaseGridIds.IsValid(body.DryRunId))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "body.required", "Name the finished dry run to publish: 'dryRunId'."));
        }

        var result = await grains.GetGrain<IRuleSetGrain>(IRuleSetGrain.Key).PublishAsync(body.DryRunId, user.ToActor());
        if (result.Error is { } error)
        {
            return ProblemResults.Problem(error);
        }

        var p = result.Published!;
        return TypedResults.Created(
            $"/api/v1/rule-sets/{p.Version}",
            new PublishedRuleSetView(p.Version, p.EffectiveFrom, p.Origin, p.PublishedById, p.PublishedByName, p.PublishedAt, p.Note, result.Report!));
    }

    private static ProblemHttpResult NotNationalAdmin() =>
        ProblemResults.Problem(new DomainError(ErrorKind.Forbidden, "rules.not-national-admin", "Only a national administrator of the rule sets publishes them and runs dry runs."));
}

/// <summary>The rule sets: which is in force today, and every one known.</summary>
/// <param name="InForce">The version in force today.</param>
/// <param name="Sets">The shipped set first (no effective date: in force until another takes effect), then every published one in order.</param>
public sealed record RuleSetList(string InForce, ImmutableArray<RuleSetSummary> Sets);

/// <summary>One rule set, without its rules.</summary>
/// <param name="Version">Its version.</param>
/// <param name="EffectiveFrom">The first day it is in force; null for the shipped set.</param>
/// <param name="Origin">Where its lead times come from.</param>
/// <param name="PublishedById">Who published it (<c>casegrid</c> for the shipped set).</param>
/// <param name="PublishedByName">Their name.</param>
/// <param name="PublishedAt">When.</param>
/// <param name="Note">Why.</param>
public sealed record RuleSetSummary(string Version, DateOnly? EffectiveFrom, string Origin, string PublishedById, string PublishedByName, DateTimeOffset? PublishedAt, string? Note);

/// <summary>A draft rule set to try against every case.</summary>
/// <param name="Document">The rule set (the shape of GET /api/v1/rule-sets/{version}) with a version of its own.</param>
/// <param name="EffectiveFrom">The first day it is to be in force: today or later.</param>
/// <param name="Note">Why.</param>
public sealed record DryRunRequest(JsonElement Document, DateOnly EffectiveFrom, string? Note);

/// <summary>Which finished dry run's draft to publish.</summary>
/// <param name="DryRunId">The dry run.</param>
public sealed record PublishRequest(string DryRunId);

/// <summary>A rule set just published, with the dry run it was published after.</summary>
public sealed record PublishedRuleSetView(
    string Version, DateOnly EffectiveFrom, string Origin, string PublishedById, string PublishedByName, DateTimeOffset PublishedAt, string? Note, DryRunReport DryRun);
