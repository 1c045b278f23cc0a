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
        if (state.State.Erased || (state.State.View is { } held && held.CaseVersion >= view.CaseVersion))
        {
            return;
        }

        state.State.View = view;
        await state.WriteStateAsync();
    }

    public async Task ForgetAsync()
    {
        state.State.View = null;
        state.State.Erased = true;
        await state.WriteStateAsync();
    }

    public Task<GroupView?> GetAsync() => Task.FromResult(state.State.View);
}
