namespace CaseGrid.Contracts.Cases;

/// <summary>One entry of a case's append-only event log: what happened, who did it, when, at which version.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The case version this event produced (1 for the opening event).</param>
/// <param name="ActorId">The user who acted.</param>
/// <param name="ClientId">The system that acted for the user, if not the CaseGrid app.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Event">What happened.</param>
/// <param name="CommandId">
/// The id the actor's client gave the command that wrote the event, if any: kept in the log so the command is applied at
/// most once however often it is sent. Not shown to readers.
/// </param>
/// <param name="CommandHash">
/// A digest of that command, so the same id sent with another command is told apart from the command sent again. Not
/// shown to readers.
/// </param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseEventRecord")]
public sealed record CaseEventRecord(
    string CaseId, long Version, string ActorId, string? ClientId, DateTimeOffset OccurredAt, CaseEvent Event,
    [property: System.Text.Json.Serialization.JsonIgnore] string? CommandId = null,
    [property: System.Text.Json.Serialization.JsonIgnore] string? CommandHash = null);
