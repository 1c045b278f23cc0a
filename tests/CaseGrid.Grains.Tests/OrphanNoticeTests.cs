using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// Orphans through the grains (domain §6): a unit that removes an owner from its staff tells the cases where that person
/// holds a responsibility at once, one-way; the case asks its owners' units, flags what the person can no longer act on
/// and escalates it to the unit's leaders; the unit's board counts it; taking the person back clears it.
/// </summary>
public sealed class OrphanNoticeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task AnOwnerRemovedFromTheStaff_IsFlaggedOnTheCaseAtOnce_AndOnTheBoard_AndClearedWhenTakenBack()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        await s.MustAsync(s.Officer, new AddMember(s.Caseworker.UserId, s.Caseworker.DisplayName, MemberRole.MunicipalCaseworker, Agency.Municipality, s.Municipality, null));
        var identified = await s.MustAsync(s.Officer, new IdentifyNeed("housing", s.Caseworker.UserId, null, null));
        var municipality = fixture.Client.GetGrain<IUnitGrain>(s.Municipality);

        // The case tells the municipality that Ingrid holds a responsibility in it, with the board line it sends there
        // (its home municipality); once that line has arrived, the unit removes her.
        await Eventually.ValueAsync(async () => (await municipality.GetCasesAsync()).FirstOrDefault(c => c.CaseId == s.CaseId && c.CaseVersion >= identified.Version));
        Assert.Null(await municipality.RemoveStaffAsync(s.Caseworker.UserId));

        var flagged = await Eventually.ValueAsync(async () => (await s.Case.GetAsync(s.Officer, null)).State is { } c && c.Orphans.TryGetValue("housing", out var f) ? f : null);
        Assert.Equal((s.Caseworker.UserId, s.Municipality, OrphanCause.StaffRemoved), (flagged.OwnerId, flagged.UnitId, flagged.Cause));
        var state = (await s.Case.GetAsync(s.Officer, null)).State!;
        Assert.Contains(state.Escalations, e => e.EscalationId == flagged.EscalationId && e.UnitId == s.Municipality);
        await Eventually.ValueAsync(async () => (await fixture.Client.GetGrain<IUnitGrain>(s.Prison).GetCasesAsync()).FirstOrDefault(c => c.CaseId == s.CaseId && c.OrphanedResponsibilities == 1));

        Assert.Null(await municipality.SetStaffAsync(new UnitStaff(s.Caseworker.UserId, s.Caseworker.DisplayName, false)));
        await Eventually.ValueAsync(async () => (await s.Case.GetAsync(s.Officer, null)).State is { Orphans.Count: 0 } c ? c : null);
    }

    [Fact]
    public async Task TheNotice_ReachesACaseThatIsNotActive_FromAUnitThatWasDeactivated_AndTheFlagOutlivesTheCasesActivation()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        await s.MustAsync(s.Officer, new AddMember(s.Caseworker.UserId, s.Caseworker.DisplayName, MemberRole.MunicipalCaseworker, Agency.Municipality, s.Municipality, null));
        var identified = await s.MustAsync(s.Officer, new IdentifyNeed("housing", s.Caseworker.UserId, null, null));
        var municipality = fixture.Client.GetGrain<IUnitGrain>(s.Municipality);
        await Eventually.ValueAsync(async () => (await municipality.GetCasesAsync()).FirstOrDefault(c => c.CaseId == s.CaseId && c.CaseVersion >= identified.Version));

        // Neither the case nor the unit is in memory when the person leaves: the unit's list of who holds what was
        // written, and its notice activates the case.
        await fixture.Cluster.DeactivateAsync(s.Case);
        await fixture.Cluster.DeactivateAsync(municipality);
        Assert.Null(await municipality.RemoveStaffAsync(s.Caseworker.UserId));

        var flagged = await Eventually.ValueAsync(async () => (await s.Case.GetAsync(s.Officer, null)).State is { } c && c.Orphans.TryGetValue("housing", out var f) ? f : null);
        Assert.Equal(OrphanCause.StaffRemoved, flagged.Cause);

        // The flag is part of the case's history, not of one activation.
        await fixture.Cluster.DeactivateAsync(s.Case);
        var rebuilt = (await s.Case.GetAsync(s.Officer, null)).State!;
        Assert.Equal(flagged.EscalationId, rebuilt.Orphans["housing"].EscalationId);
        Assert.Contains(rebuilt.Escalations, e => e.EscalationId == flagged.EscalationId && e.UnitId == s.Municipality);
    }
}
