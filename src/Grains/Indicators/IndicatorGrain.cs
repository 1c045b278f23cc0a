using CaseGrid.Contracts.Indicators;
using CaseGrid.Domain;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Indicators;

/// <summary>
/// Computes one scope's indicators from the event logs and keeps the report for a few minutes. Reads the logs
/// directly rather than activating every case grain, so a national report does not wake 100,000 cases.
/// </summary>
internal sealed class IndicatorGrain(ICaseEventStore store, TimeProvider clock) : Grain, IIndicatorGrain
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);
    private IndicatorReport? _report;

    public async Task<IndicatorReport> GetAsync()
    {
        var now = clock.GetUtcNow();
        if (_report is { } fresh && now - fresh.ComputedAt < Freshness)
        {
            return fresh;
        }

        var scope = this.GetPrimaryKeyString();
        var facts = new List<IndicatorCalculator.CaseFacts>();
        await foreach (var caseId in store.ListCaseIdsAsync())
        {
            var log = new List<Contracts.Cases.CaseEventRecord>();
            if (!await ReadAllAsync(caseId, log))
            {
                continue;
            }

            if (IndicatorCalculator.Analyse(log) is { } f && (scope == IIndicatorGrain.National || f.Units.Contains(scope)))
            {
                facts.Add(f);
            }
        }

        _report = IndicatorCalculator.Report(scope, now, facts);
        return _report;
    }

    /// <summary>The case's whole log (its key read with its rows, held for this reading only); false when it was erased meanwhile.</summary>
    private async Task<bool> ReadAllAsync(string caseId, List<Contracts.Cases.CaseEventRecord> log)
    {
        try
        {
            while (true)
            {
                var page = await store.ReadAsync(caseId, log.Count, 1000);
                log.AddRange(page);
                if (page.Count < 1000)
                {
                    return true;
                }
            }
        }
        catch (CaseErasedException)
        {
            return false;
        }
    }
}
