namespace CaseGrid.Harness;

/// <summary>
/// CaseGrid's live hub on cases that already exist (copies of a <see cref="CaseTemplate"/>): group g is the case
/// <paramref name="cases"/>[g]; its member 0 is the case's coordinator, member 1 another member of its group.
/// </summary>
internal sealed class CopiedCasesSystem(string url, CaseTemplate template, IReadOnlyList<int> cases) : ILiveSystem
{
    private readonly List<CaseGridMember> _members = [];

    public string Name => "CaseGrid";

    public Task<IReadOnlyList<string>> PrepareAsync(int groups, int members) =>
        groups > cases.Count || members > 2
            ? throw new ArgumentException($"{cases.Count} cases with 2 members each to edit; asked for {groups} of {members}")
            : Task.FromResult<IReadOnlyList<string>>([.. cases.Take(groups).Select(template.Copy)]);

    public async Task<ILiveMember> ConnectAsync(string groupId, int group, int member, EditRecorder recorder)
    {
        var (coordinator, other) = template.MembersOf(cases[group]);
        var token = await template.TokenAsync(member == 0 ? coordinator : other);
        var live = new CaseGridMember([url], 0, token, groupId, (id, at) => recorder.Delivered(id, member, at), recorder.Error);
        await live.ConnectAsync();
        lock (_members)
        {
            _members.Add(live);
        }

        return live;
    }

    public void Tick()
    {
        lock (_members)
        {
            foreach (var member in _members)
            {
                member.CheckGap();
            }
        }
    }
}
