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

    [Fact]
    public async Task ABurstOfRosters_EndsWithTheNewest_AndTheGroupAnswersReadsMeanwhile()
    {
        // A roster update per membership change, one right after another (a team added at once), one-way as the case
        // sends them: a group that left memory after each would have the burst forwarded from one departing activation
        // to the next until Orleans dropped messages — the newest among them — and refused a read made meanwhile.
        var groupId = $"group-{Guid.NewGuid():N}";
        var group = fixture.Client.GetGrain<IAnsvarsgruppeGrain>(groupId);
        await Task.WhenAll(Enumerable.Range(1, 200).Select(v => group.ObserveAsync(new GroupView(groupId, $"case-{groupId}", "u-coordinator", [], v))));

        var newest = await Eventually.ValueAsync(async () => await group.GetAsync() is { CaseVersion: 200 } view ? view : null, 30_000);

        Assert.Equal($"case-{groupId}", newest.CaseId);
    }
}
