namespace CaseGrid.Contracts.RuleSets;

/// <summary>
/// The national rule sets, one grain keyed <see cref="Key"/>: the published versions with their effective dates, and
/// the dry runs that must come before a publication. Who may publish is checked by the caller (the national
/// administrator's role); this grain keeps the record and its order.
/// </summary>
[Alias("casegrid.IRuleSetGrain")]
public interface IRuleSetGrain : IGrainWithStringKey
{
    /// <summary>The one grain's key.</summary>
    public const string Key = "national";

    /// <summary>The catalogue's revision: it grows with each publication, so a cache knows cheaply when to read again.</summary>
    [Alias("Revision"), Orleans.Concurrency.ReadOnly]
    Task<long> GetRevisionAsync();

    /// <summary>Every published version.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<RuleSetCatalogue> GetAsync();

    /// <summary>Start a dry run of <paramref name="draft"/> over every case, in the background; refused when the draft is not a valid rule set.</summary>
    [Alias("DryRun")]
    Task<RuleSetResult> StartDryRunAsync(RuleSetDraft draft, Common.ActorRef actor);

    /// <summary>A dry run as it stands, or null when there is no such dry run.</summary>
    [Alias("GetDryRun"), Orleans.Concurrency.ReadOnly]
    Task<DryRunReport?> GetDryRunAsync(string dryRunId);

    /// <summary>Publish the draft of a finished dry run; every case then recomputes with it from its effective date.</summary>
    [Alias("Publish")]
    Task<RuleSetResult> PublishAsync(string dryRunId, Common.ActorRef actor);
}
