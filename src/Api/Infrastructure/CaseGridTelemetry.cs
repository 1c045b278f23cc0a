using System.Diagnostics;
using System.Diagnostics.Metrics;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// CaseGrid's own traces and metrics: one span and one count per case command, tagged with the command's type, the
/// channel it came through and its outcome — never with who or what it was about.
/// </summary>
public static class CaseGridTelemetry
{
    /// <summary>The name of CaseGrid's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "CaseGrid";

    /// <summary>The service name of a silo host (which serves the API too unless told otherwise).</summary>
    public const string SiloService = "casegrid-silo";

    /// <summary>The service name of a separate API host.</summary>
    public const string ApiService = "casegrid-api";

    /// <summary>A command that came through the REST API.</summary>
    public const string RestChannel = "rest";

    /// <summary>A command that came through the live hub.</summary>
    public const string HubChannel = "hub";

    /// <summary>The counter of case commands.</summary>
    public const string CommandsCounter = "casegrid.commands";

    /// <summary>Orleans' activity sources (grain calls, system and application) and grain storage.</summary>
    public static readonly IReadOnlyList<string> OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        CommandsCounter, "{command}", "Case commands sent to case grains, by command type, channel and outcome (executed, refused, failed).");

    /// <summary>Sends <paramref name="command"/> to <paramref name="grain"/> as <paramref name="actor"/>, inside a span, and counts the outcome.</summary>
    public static async Task<CommandResult> ExecuteAsync(ICaseGrain grain, CaseCommand command, ActorRef actor, string channel, string? commandId = null)
    {
        var type = command.GetType().Name;
        using var activity = Source.StartActivity($"{Name} {type}");
        activity?.SetTag("casegrid.command", type);
        activity?.SetTag("casegrid.channel", channel);
        try
        {
            var result = await grain.ExecuteAsync(command, actor, commandId);
            var outcome = result.Error is null ? "executed" : "refused";
            activity?.SetTag("casegrid.outcome", outcome);
            if (result.Error is { } error)
            {
                // The code is one of a fixed set ("handover.not-accepted"); the detail may quote input and stays out.
                activity?.SetTag("casegrid.refusal", error.Code);
            }

            Count(type, channel, outcome);
            return result;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            activity?.SetTag("error.type", e.GetType().FullName);
            Count(type, channel, "failed");
            throw;
        }
    }

    private static void Count(string type, string channel, string outcome) =>
        Commands.Add(1, new("casegrid.command", type), new("casegrid.channel", channel), new("casegrid.outcome", outcome));
}
