using CaseGrid.Contracts.Indicators;
using CaseGrid.Domain;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Indicators;

/// <summary>
/// Computes one scope's indicators from the event logs and keeps the report for a few minutes. Reads the logs
/// directly, in one streaming read, rather than activating every case grain, so a national report does not wake
/// 100,000 cases.
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
        await foreach (var log in store.ReadAllCasesAsync())
        {
            if (IndicatorCalculator.Analyse(log) is { } f && (scope == IIndicatorGrain.National || f.Units.Contains(scope)))
            {
                facts.Add(f);
            }
        }

        _report = IndicatorCalculator.Report(scope, now, facts);
        return _report;
    }
}
