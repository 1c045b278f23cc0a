using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

/// <summary>Time acts on cases by itself: durable reminders in PostgreSQL fire, also after the silo holding the case died.</summary>
public sealed class TimeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task AnOverdueDeadline_IsMissedByTheClock_WithoutAnyoneCalling_AndShowsOnTheBoard()
    {
        // Intake 200 days ago and no needs conversation recorded: several must-deadlines are long past.
        var s = await new Scenario(fixture.Client).OpenAsync(intakeDaysAgo: 200);
        var log = fixture.Log;

        var missed = await Eventually.ValueAsync(async () => (await log.ReadAsync(s.CaseId, 0, 200)).FirstOrDefault(e => e.Event is DeadlineMissed), 30_000);
        var line = await Eventually.ValueAsync(async () => (await fixture.Client.GetGrain<IUnitGrain>(s.Prison).GetCasesAsync()).FirstOrDefault(c => c.CaseId == s.CaseId && c.OverdueDeadlines > 0));

        Assert.Equal("system:clock", missed.ActorId);
        Assert.Equal(UnitCaseRelation.Current, line.Relation);
        var time = await s.Case.GetTimeAsync(s.Officer);
        Assert.Contains(time.Deadlines, d => d.Status == Contracts.Time.DeadlineStatus.Overdue && d.RuleSetVersion == time.RuleSetVersion);
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task AnActivation_AdoptsTheReminderArmedBefore_AndArmsOneOnlyWhereNoneIs()
    {
        // Intake today: the needs conversation is weeks away, and the case arms its reminder for it.
        var s = await new Scenario(fixture.Client).OpenAsync();
        var armed = await Eventually.ValueAsync(() => ReminderAsync(s.CaseId));

        // Activated again (a time-neutral edit waits for the activation's settling): the stored reminder is read, not written.
        await fixture.Cluster.DeactivateAsync(s.Case);
        await s.MustAsync(s.Officer, new AddGoal("housing", "Bolig klar ved løslatelse"));
        var kept = await ReminderAsync(s.CaseId);

        // Lost (the row removed): the next activation arms it again.
        await ExecuteAsync("DELETE FROM orleansreminderstable WHERE grainid = $1", s.Case.GetGrainId().ToString());
        await fixture.Cluster.DeactivateAsync(s.Case);
        await s.MustAsync(s.Officer, new AddGoal("housing", "Egen leilighet"));
        var again = await Eventually.ValueAsync(() => ReminderAsync(s.CaseId));

        Assert.Equal(armed, kept);
        Assert.Equal(armed.Start, again.Start, TimeSpan.FromMinutes(1));
    }

    private sealed record StoredReminder(DateTimeOffset Start, int Version);

    private async Task<StoredReminder?> ReminderAsync(string caseId)
    {
        await using var cmd = (await TestDatabase.GetAsync()).CreateCommand("SELECT starttime, version FROM orleansreminderstable WHERE grainid = $1 AND remindername = 'case-time'");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = fixture.Client.Case(caseId).GetGrainId().ToString() });
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredReminder(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1)) : null;
    }

    private static async Task ExecuteAsync(string sql, string value)
    {
        await using var cmd = (await TestDatabase.GetAsync()).CreateCommand(sql);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = value });
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>A silo with cases whose reminders are due dies; the reminders fire on the silo that is left.</summary>
public sealed class TimeFailoverTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task AReminder_FiresAfterTheSiloHoldingTheCaseDied()
    {
        var doomed = fixture.Cluster.Silos[1];
        var scenarios = new List<Scenario>();
        // Placement weighs the silos' load, so on a busy machine many cases may go to the other silo first.
        for (var i = 0; i < 300 && !scenarios.Any(On(doomed)); i++)
        {
            scenarios.Add(await new Scenario(fixture.Client).OpenAsync(intakeDaysAgo: 200));
        }

        var onDoomed = scenarios.First(On(doomed));
        await fixture.Cluster.KillSiloAsync(doomed);
        var log = fixture.Log;

        // Nobody calls the case: its reminder, kept in PostgreSQL, fires on the remaining silo and time acts.
        var missed = await Eventually.ValueAsync(async () => (await log.ReadAsync(onDoomed.CaseId, 0, 200)).FirstOrDefault(e => e.Event is DeadlineMissed), 90_000);

        Assert.Equal("system:clock", missed.ActorId);
    }

    private Func<Scenario, bool> On(Orleans.TestingHost.InProcessSiloHandle silo) => s =>
        fixture.Cluster.TryGetGrainContext(s.Case.GetGrainId(), out var context) && silo.SiloAddress.Equals(context!.Address.SiloAddress);
}
