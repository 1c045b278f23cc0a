using System.Collections.Concurrent;
using CaseGrid.Contracts.Cases;
using CaseGrid.Grains.Storage;
using Xunit.Abstractions;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// A silo dies while members edit: every acknowledged edit survives, because acknowledgement follows the append. On each
/// store: the test command runs the grain tests on PostgreSQL and again on Azure Storage.
/// </summary>
public sealed class FailoverTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int EditsBeforeKill = 10;
    private const int EditsAfterKill = 10;
    private const int MaxAttempts = 500;

    [Fact]
    public async Task KillingASilo_WhileEditing_LosesNoAcknowledgedChange()
    {
        var doomed = fixture.Cluster.Silos[1];
        var scenarios = new List<Scenario>();
        var onDoomedSilo = 0;

        // Enough cases that several live on the silo that will die.
        while (onDoomedSilo < 3 && scenarios.Count < 40)
        {
            var s = await new Scenario(fixture.Client).OpenAsync();
            scenarios.Add(s);
            if (fixture.Cluster.TryGetGrainContext(s.Case.GetGrainId(), out var context) && doomed.SiloAddress.Equals(context!.Address.SiloAddress))
            {
                onDoomedSilo++;
            }
        }

        var acknowledged = new ConcurrentBag<(string CaseId, string Text, long Version)>();
        var failures = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var readyToKill = new CountdownEvent(scenarios.Count);
        var writers = scenarios.Select(s => Task.Run(async () =>
        {
            var succeeded = 0;
            var afterKill = 0;
            for (var attempt = 0; attempt < MaxAttempts && afterKill < EditsAfterKill; attempt++)
            {
                var text = $"mål {attempt}";
                var wasKilled = killed.Task.IsCompleted;
                try
                {
                    var result = await s.Case.ExecuteAsync(new AddGoal("housing", text), s.Officer);
                    if (result.Succeeded)
                    {
                        acknowledged.Add((s.CaseId, text, result.Version));
                        afterKill += wasKilled ? 1 : 0;
                        if (++succeeded == EditsBeforeKill)
                        {
                            readyToKill.Signal();
                        }
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Calls in flight to the dying silo fail; they were never acknowledged, so nothing is owed.
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        Assert.True(readyToKill.Wait(TimeSpan.FromSeconds(60)), "The writers did not get going.");
        await fixture.Cluster.KillSiloAsync(doomed);
        killed.SetResult();
        await Task.WhenAll(writers);

        // The test cluster's silos share this process, so a "killed" silo's activations may still finish a command they
        // were running and append it (a real kill ends the process; a partition that leaves the silo its database does
        // not): the surviving activation learns of such an append at its next write, when the log's key refuses it a
        // version already taken and it reads the log again. One more edit per case makes sure it has.
        foreach (var s in scenarios)
        {
            var last = await s.Case.ExecuteAsync(new AddGoal("housing", "etter"), s.Officer);
            Assert.True(last.Succeeded, $"Case {s.CaseId} took no edit after the writers stopped: {last.Error?.Code}");
        }

        foreach (var s in scenarios)
        {
            var events = await fixture.Log.ReadAsync(s.CaseId, 0, 1000);
            var state = (await s.Case.GetAsync(s.Officer, null)).State!;
            var acks = acknowledged.Where(a => a.CaseId == s.CaseId).ToList();
            foreach (var ack in acks)
            {
                var logged = events.Single(e => e.Version == ack.Version);
                Assert.Equal(ack.Text, Assert.IsType<GoalAdded>(logged.Event).Text);
                Assert.Contains(state.Goals.Values, g => g.Text == ack.Text);
            }

            Assert.Equal(events.Count, state.Version);
            Assert.True(acks.Count >= EditsBeforeKill + EditsAfterKill, $"Case {s.CaseId} was not edited after the silo died.");
        }

        output.WriteLine($"{scenarios.Count} cases, {onDoomedSilo} on the killed silo; {acknowledged.Count} edits acknowledged, all in the log; {failures} calls failed while the silo died");
        Assert.True(onDoomedSilo >= 1);
    }
}
