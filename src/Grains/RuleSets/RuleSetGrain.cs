using System.Collections.Immutable;
using System.Text.Json;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.RuleSets;
using CaseGrid.Contracts.Sweep;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Units;
using Microsoft.Extensions.Logging;

namespace CaseGrid.Grains.RuleSets;

/// <summary>
/// The national rule sets (domain §7): a rule set is published by a national administrator — a new version with an
/// effective date — only after a dry run over every case shows how many cases and deadlines it changes, and is never
/// only edited in source. Publishing starts the sweep, so every case recomputes with the set in force; every deadline
/// keeps the rule, the version and the reason it was computed with.
/// </summary>
internal sealed partial class RuleSetGrain(
    [PersistentState("rule-sets", UnitGrain.StorageName)] IPersistentState<RuleSetGrainState> state,
    ICaseEventStore store,
    RuleSetCache cache,
    TimeProvider clock,
    ILogger<RuleSetGrain> logger) : Grain, IRuleSetGrain
{
    private const int Parallelism = 16;
    private const int DryRunsKept = 20;
    private const int PageSize = 1000;
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);

    public Task<long> GetRevisionAsync() => Task.FromResult(state.State.Revision);

    public Task<RuleSetCatalogue> GetAsync() => Task.FromResult(new RuleSetCatalogue(state.State.Revision, [.. state.State.Sets], Shipped));

    /// <summary>The set shipped with CaseGrid, as a publication: in force from the start.</summary>
    private PublishedRuleSet Shipped => new(
        cache.Shipped.Version, DateOnly.MinValue, cache.Shipped.Json ?? "{}", cache.Shipped.Origin, "casegrid", "CaseGrid", DateTimeOffset.MinValue, null, null);

    public Task<DryRunReport?> GetDryRunAsync(string dryRunId) =>
        Task.FromResult(state.State.DryRuns.LastOrDefault(d => d.Report.DryRunId == dryRunId)?.Report);

    public async Task<RuleSetResult> StartDryRunAsync(RuleSetDraft draft, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DeadlineRuleSet candidate;
        try
        {
            candidate = cache.Parse(draft?.Json ?? throw new JsonException("The rule set's document is required."));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Refused(ErrorKind.Unprocessable, "rules.invalid", $"The document is not a valid rule set: {e.Message}");
        }

        var refused = CheckNew(candidate.Version, draft.EffectiveFrom);
        if (refused is not null)
        {
            return new RuleSetResult(null, null, refused);
        }

        if (draft.Note is { Length: > 2000 })
        {
            return Refused(ErrorKind.BadRequest, "text.too-long", "'note' is longer than 2000 characters.");
        }

        // This grain holds what is published: the silo's cache learns it from here, never by calling back.
        cache.Apply(new RuleSetCatalogue(state.State.Revision, [.. state.State.Sets]));
        var day = Later(draft.EffectiveFrom, Today());
        var report = new DryRunReport(
            CaseGridIds.New("dryrun"), candidate.Version, draft.EffectiveFrom, cache.InForce(day).Version, DryRunState.Running, 0, 0, 0, 0,
            ImmutableDictionary<string, int>.Empty, actor.UserId, clock.GetUtcNow(), null, RuleSetCache.Hash(draft.Json), null);
        Keep(new DryRun(report, draft, actor.DisplayName));
        await state.WriteStateAsync();
        _running[report.DryRunId] = RunAsync(report.DryRunId, draft.Json, day);
        return new RuleSetResult(report, null, null);
    }

    public async Task<RuleSetResult> PublishAsync(string dryRunId, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var run = state.State.DryRuns.LastOrDefault(d => d.Report.DryRunId == dryRunId);
        if (run is null)
        {
            return Refused(ErrorKind.NotFound, "rules.dry-run-not-found", $"No dry run '{dryRunId}'. A rule set is published after a dry run of it.");
        }

        if (run.Report.State != DryRunState.Finished)
        {
            return new RuleSetResult(run.Report, null, new DomainError(ErrorKind.Conflict, "rules.dry-run-not-finished",
                run.Report.State == DryRunState.Published
                    ? "This dry run's draft is already published."
                    : $"The dry run is {run.Report.State}; publish once it has compared every case (run it again if it failed)."));
        }

        var candidate = cache.Parse(run.Draft.Json);
        var refused = CheckNew(candidate.Version, run.Draft.EffectiveFrom);
        if (refused is not null)
        {
            return new RuleSetResult(run.Report, null, refused);
        }

        var published = new PublishedRuleSet(
            candidate.Version, run.Draft.EffectiveFrom, run.Draft.Json, candidate.Origin, actor.UserId, actor.DisplayName, clock.GetUtcNow(), run.Draft.Note, dryRunId);
        state.State.Sets.Add(published);
        state.State.Revision++;
        var report = run.Report with { State = DryRunState.Published };
        Keep(run with { Report = report });
        await state.WriteStateAsync();
        cache.Apply(new RuleSetCatalogue(state.State.Revision, [.. state.State.Sets]));
        LogPublished(logger, published.Version, published.EffectiveFrom);

        // In force today, every case recomputes now — its board line, its reminder and its missed deadlines. A set that
        // takes effect later is recomputed with by the daily sweep of its first day, and read with from then on.
        if (published.EffectiveFrom <= Today())
        {
            await GrainFactory.GetGrain<ITimeSweepGrain>(ITimeSweepGrain.Key).SweepAsync();
        }
        return new RuleSetResult(report, published, null);
    }

    /// <summary>Null when a set of <paramref name="version"/> may take effect on <paramref name="from"/>: a new version, from today or later.</summary>
    private DomainError? CheckNew(string version, DateOnly from)
    {
        if (version == cache.Shipped.Version || state.State.Sets.Any(s => s.Version == version))
        {
            return new DomainError(ErrorKind.Conflict, "rules.version-exists", $"Version '{version}' is already published; give the new rule set a version of its own.");
        }

        return from < Today()
            ? new DomainError(ErrorKind.Unprocessable, "rules.effective-in-past", $"A rule set takes effect today or later, not {from:yyyy-MM-dd}: deadlines already counted are not rewritten backwards.")
            : null;
    }

    /// <summary>
    /// Compare the draft with the set in force over every case, a batch at a time, and keep the count. Each case is read
    /// from its event log and folded here, not activated: a dry run changes nothing, arms no reminder and wakes no case.
    /// </summary>
    private async Task RunAsync(string dryRunId, string json, DateOnly day)
    {
        // Keep the activation while the dry run runs, even when nobody calls it.
        DelayDeactivation(TimeSpan.FromHours(1));
        await Task.Yield();
        try
        {
            var caseIds = new List<string>();
            await foreach (var caseId in store.ListCaseIdsAsync())
            {
                caseIds.Add(caseId);
            }

            Update(dryRunId, r => r with { Cases = caseIds.Count });
            var (current, candidate) = (cache.InForce(day), cache.Parse(json));
            foreach (var batch in caseIds.Chunk(Parallelism))
            {
                var changed = await Task.WhenAll(batch.Select(async id =>
                    await ReadAsync(id) is { } s ? RuleSetComparison.Compare(s, current, candidate, day).Select(c => c.RuleId).ToArray() : []));
                Update(dryRunId, r => r with
                {
                    CasesCompared = r.CasesCompared + changed.Length,
                    CasesChanged = r.CasesChanged + changed.Count(c => c.Length > 0),
                    DeadlinesChanged = r.DeadlinesChanged + changed.Sum(c => c.Length),
                    ByRule = changed.SelectMany(c => c).Aggregate(r.ByRule, (counts, rule) => counts.SetItem(rule, counts.GetValueOrDefault(rule) + 1)),
                });
            }

            Update(dryRunId, r => r with { State = DryRunState.Finished, FinishedAt = clock.GetUtcNow() });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDryRunFailed(logger, e, dryRunId);
            Update(dryRunId, r => r with { State = DryRunState.Failed, FinishedAt = clock.GetUtcNow(), Error = "Ikke alle saker kunne sammenlignes; kjør prøvekjøringen på nytt." });
        }

        await state.WriteStateAsync();
        _running.Remove(dryRunId);
    }

    /// <summary>A case as its event log has it, or null when it has none.</summary>
    private async Task<Contracts.Cases.CaseState?> ReadAsync(string caseId)
    {
        Contracts.Cases.CaseState? s = null;
        while (true)
        {
            var page = await store.ReadAsync(caseId, s?.Version ?? 0, PageSize);
            s = CaseEvolver.Replay(page, s);
            if (page.Count < PageSize)
            {
                return s;
            }
        }
    }

    private void Update(string dryRunId, Func<DryRunReport, DryRunReport> change)
    {
        var i = state.State.DryRuns.FindLastIndex(d => d.Report.DryRunId == dryRunId);
        if (i >= 0)
        {
            state.State.DryRuns[i] = state.State.DryRuns[i] with { Report = change(state.State.DryRuns[i].Report) };
        }
    }

    private void Keep(DryRun run)
    {
        var i = state.State.DryRuns.FindLastIndex(d => d.Report.DryRunId == run.Report.DryRunId);
        if (i >= 0)
        {
            state.State.DryRuns[i] = run;
            return;
        }

        state.State.DryRuns.Add(run);
        if (state.State.DryRuns.Count > DryRunsKept)
        {
            state.State.DryRuns.RemoveAt(0);
        }
    }

    private DateOnly Today() => NorwegianTime.DateOf(clock.GetUtcNow());

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static RuleSetResult Refused(ErrorKind kind, string code, string detail) => new(null, null, new DomainError(kind, code, detail));

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule set {Version} published, in force from {EffectiveFrom}")]
    private static partial void LogPublished(ILogger logger, string version, DateOnly effectiveFrom);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dry run {DryRunId} of a rule set failed")]
    private static partial void LogDryRunFailed(ILogger logger, Exception exception, string dryRunId);
}
