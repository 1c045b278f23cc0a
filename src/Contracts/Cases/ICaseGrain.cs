using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Cases;

/// <summary>
/// One person's case, keyed by case id: the single writer of its plan, group and handovers. Every command is
/// validated against the domain rules, appended to the case's event log in PostgreSQL, and only then
/// acknowledged with the new version.
/// </summary>
[Alias("casegrid.ICaseGrain")]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Validate and apply a command for <paramref name="actor"/>; the result carries the durable events or the refusal.</summary>
    [Alias("Execute")]
    Task<CommandResult> ExecuteAsync(CaseCommand command, ActorRef actor);

    /// <summary>The case as it stands, or as it stood at <paramref name="atVersion"/>, for an active member.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<CaseReadResult> GetAsync(ActorRef actor, long? atVersion);

    /// <summary>Up to <paramref name="max"/> events after <paramref name="afterVersion"/>, for an active member.</summary>
    [Alias("GetEvents"), Orleans.Concurrency.ReadOnly]
    Task<CaseEventsPage> GetEventsAsync(ActorRef actor, long afterVersion, int max);
}
