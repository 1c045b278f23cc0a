using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Grains.Tests;

/// <summary>Fresh units, staff and a case for one test, set up through the grains as users would.</summary>
public sealed class Scenario(IGrainFactory grains)
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public string Prison => $"prison-{_suffix}";

    public string Municipality => $"kommune-{_suffix}";

    public string CaseId => $"case-{_suffix}";

    public ActorRef Officer => new($"kari-{_suffix}", "Kari Nilsen");

    public ActorRef Caseworker => new($"ingrid-{_suffix}", "Ingrid Dahl");

    public ActorRef Stranger => new($"eve-{_suffix}", "Eve Utenfor");

    public ICaseGrain Case => grains.GetGrain<ICaseGrain>(CaseId);

    public static DateOnly Today => Domain.CommandContext.NorwegianDate(DateTimeOffset.UtcNow);

    /// <summary>
    /// Open the case. By default intake is today on a six-week sentence (the fast track), so no deadline is overdue
    /// and the clock adds no events while a test counts them; <paramref name="intakeDaysAgo"/> makes it overdue.
    /// </summary>
    public async Task<Scenario> OpenAsync(int intakeDaysAgo = 0, CasePhase phase = CasePhase.Serving)
    {
        await DefineAsync(Prison, Agency.Prison, Officer);
        await DefineAsync(Municipality, Agency.Municipality, Caseworker);
        var release = Today.AddDays(42);
        await MustAsync(Officer, new OpenCase(
            new PersonRef($"P-{_suffix}", "Ola Nordmann"), phase, Prison, new HomeMunicipality(Municipality),
            new KeyDates(Today.AddDays(-intakeDaysAgo), release, release, release.AddDays(120), release.AddDays(120)), MemberRole.Kontaktbetjent));
        return this;
    }

    public async Task<CommandResult> MustAsync(ActorRef actor, CaseCommand command)
    {
        var result = await Case.ExecuteAsync(command, actor);
        Assert.True(result.Succeeded, $"{command.GetType().Name} was refused: {result.Error?.Code} {result.Error?.Detail}");
        return result;
    }

    private async Task DefineAsync(string unitId, Agency agency, ActorRef staff)
    {
        var unit = grains.GetGrain<IUnitGrain>(unitId);
        Assert.Null(await unit.DefineAsync($"Unit {unitId}", agency, null));
        Assert.Null(await unit.SetStaffAsync(new UnitStaff(staff.UserId, staff.DisplayName, IsLeader: false)));
    }
}
