using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;

namespace CaseGrid.Grains.Tests;

/// <summary>The ansvarsgruppe's roster follows its case, and is read back from storage whenever the group is asked.</summary>
[Collection(ClusterGroup.Name)]
public sealed class AnsvarsgruppeGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheRoster_FollowsTheCasesMembers_AndIsReadBack_AfterTheCaseWasDeactivated()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        var groupId = (await s.Case.GetAsync(s.Officer, null)).State!.GroupId;
        var group = fixture.Client.GetGrain<IAnsvarsgruppeGrain>(groupId);

        var opened = await Eventually.ValueAsync(async () => await group.GetAsync() is { CaseVersion: >= 1 } view ? view : null);
        var added = await s.MustAsync(s.Officer, new AddMember(s.Caseworker.UserId, s.Caseworker.DisplayName, MemberRole.MunicipalCaseworker, Agency.Municipality, s.Municipality, null));
        var grown = await Eventually.ValueAsync(async () => await group.GetAsync() is { } view && view.CaseVersion >= added.Version ? view : null);
        await fixture.Cluster.DeactivateAsync(s.Case);
        await s.Case.GetAsync(s.Officer, null);
        var again = await group.GetAsync();

        Assert.Equal(s.CaseId, opened.CaseId);
        Assert.DoesNotContain(opened.Members, m => m.UserId == s.Caseworker.UserId);
        Assert.Contains(grown.Members, m => m.UserId == s.Caseworker.UserId);
        Assert.Equal(grown.CaseVersion, again?.CaseVersion);
        Assert.Equal(grown.Members.Select(m => m.UserId), again!.Members.Select(m => m.UserId));
    }
}
