using CaseGrid.Contracts.Groups;
using CaseGrid.Grains.Units;
using Orleans.Runtime;

namespace CaseGrid.Grains.Groups;

/// <summary>The ansvarsgruppe's own address, holding its roster as the case's events define it.</summary>
internal sealed class AnsvarsgruppeGrain(
    [PersistentState("ansvarsgruppe", UnitGrain.StorageName)] IPersistentState<AnsvarsgruppeGrainState> state) : Grain, IAnsvarsgruppeGrain
{
    public async Task ObserveAsync(GroupView view)
    {
        if (state.State.View is { } held && held.CaseVersion >= view.CaseVersion)
        {
            return;
        }

        state.State.View = view;
        await state.WriteStateAsync();
    }

    public Task<GroupView?> GetAsync() => Task.FromResult(state.State.View);
}
