using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Sweep;
using CaseGrid.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace CaseGrid.Grains.Time;

/// <summary>
/// Once a day, every case evaluates time (deadlines due or missed, handovers past their date, inactive owners).
/// Each case also keeps its own reminder for its next moment; the sweep is the safety net for a reminder lost or
/// a rule set changed, and it re-arms those reminders as a side effect. It runs in the background, a batch at a
/// time, so no call waits on 100,000 cases.
/// </summary>
internal sealed partial class TimeSweepGrain(ICaseEventStore store, TimeProvider clock, ILogger<TimeSweepGrain> logger) : Grain, ITimeSweepGrain, IRemindable
{
    private const string ReminderName = "daily-sweep";
    private const int Parallelism = 16;

    private SweepStatus _status = new(null, 0, 0, 0, null);
    private Task? _running;

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        }
    }

    public async Task<SweepStatus> SweepAsync()
    {
        if (_running is { IsCompleted: false })
        {
            return _status;
        }

        var caseIds = new List<string>();
        await foreach (var caseId in store.ListCaseIdsAsync())
        {
            caseIds.Add(caseId);
        }

        _status = new SweepStatus(clock.GetUtcNow(), caseIds.Count, 0, 0, null);
        _running = RunAsync(caseIds);
        return _status;
    }

    public Task<SweepStatus> GetStatusAsync() => Task.FromResult(_status);

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    private async Task RunAsync(List<string> caseIds)
    {
        // Keep the activation while the sweep runs, even when nobody calls it.
        DelayDeactivation(TimeSpan.FromHours(1));
        foreach (var batch in caseIds.Chunk(Parallelism))
        {
            var results = await Task.WhenAll(batch.Select(EvaluateAsync));
            _status = _status with { Evaluated = _status.Evaluated + results.Count(r => r), Failed = _status.Failed + results.Count(r => !r) };
        }

        _status = _status with { FinishedAt = clock.GetUtcNow() };
        LogSwept(logger, _status.Evaluated, _status.Failed);
    }

    private async Task<bool> EvaluateAsync(string caseId)
    {
        try
        {
            await GrainFactory.Case(caseId).EvaluateTimeAsync();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCaseFailed(logger, e, caseId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sweep evaluated {Count} cases ({Failed} failed)")]
    private static partial void LogSwept(ILogger logger, int count, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily sweep could not evaluate case {CaseId}")]
    private static partial void LogCaseFailed(ILogger logger, Exception exception, string caseId);
}
