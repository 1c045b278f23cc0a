using System.Collections.Concurrent;

namespace CaseGrid.Harness;

/// <summary>CaseGrid as the fan-out driver sees it: cases set up over REST, members on the live hub of one or more API hosts.</summary>
internal sealed class CaseGridSystem(string name, string[] apiUrls, string run) : ILiveSystem, IDisposable
{
    private readonly CaseGridRest _rest = new(apiUrls[0]);
    private readonly ConcurrentBag<CaseGridMember> _members = [];
    private int _setups;

    public string Name => name;

    public IReadOnlyCollection<CaseGridMember> Members => _members;

    public CaseGridRest Rest => _rest;

    public static string UserId(string run, string scope, int group, int member) => $"u-{run}-{scope}-{group}-{member}";

    public async Task<IReadOnlyList<string>> PrepareAsync(int groups, int members)
    {
        // A prison of its own per set-up, with the home municipality; the first member of each group is the officer who opens the case.
        var scope = $"s{Interlocked.Increment(ref _setups)}";
        var admin = await _rest.TokenAsync($"u-{run}-admin", "Benk Admin", CaseGridRest.AdminRole);
        var unitId = $"bench-{run}-{scope}";
        await _rest.DefineUnitAsync(admin, unitId, "Benkfengsel", "Prison");
        await _rest.DefineUnitAsync(admin, $"{unitId}-home", "Benkkommune", "Municipality");
        var ids = new string[groups];
        await Parallel.ForEachAsync(Enumerable.Range(0, groups), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (g, _) =>
        {
            var officerId = UserId(run, scope, g, 0);
            await _rest.AddStaffAsync(admin, unitId, officerId, $"Betjent {g}");
            var officer = await _rest.TokenAsync(officerId, $"Betjent {g}");
            var caseId = await _rest.OpenCaseAsync(officer, unitId, $"{unitId}-home", $"P-{run}-{scope}-{g}");
            for (var m = 1; m < members; m++)
            {
                await _rest.AddMemberAsync(officer, caseId, UserId(run, scope, g, m), $"Medlem {g}-{m}");
            }

            ids[g] = $"{scope}|{caseId}";
        });
        return ids;
    }

    public async Task<ILiveMember> ConnectAsync(string groupId, int group, int member, EditRecorder recorder)
    {
        var (scope, caseId) = Split(groupId);
        var token = await _rest.TokenAsync(UserId(run, scope, group, member), $"Medlem {group}-{member}");
        var live = new CaseGridMember(apiUrls, group + member, token, caseId, (id, at) => recorder.Delivered(id, member, at), recorder.Error);
        await live.ConnectAsync();
        _members.Add(live);
        return live;
    }

    public void Tick()
    {
        foreach (var member in _members)
        {
            member.CheckGap();
        }
    }

    /// <summary>Forget the members of the last run (their connections are disposed by the driver).</summary>
    public void Forget() => _members.Clear();

    public void Dispose() => _rest.Dispose();

    public static (string Scope, string CaseId) Split(string groupId) => (groupId[..groupId.IndexOf('|', StringComparison.Ordinal)], groupId[(groupId.IndexOf('|', StringComparison.Ordinal) + 1)..]);
}
