using CaseGrid.Contracts.Groups;
using CaseGrid.Grains.Units;
using Orleans.Runtime;

namespace CaseGrid.Grains.Groups;

/// <summary>
/// The ansvarsgruppe's own address, holding its roster as the case's events define it. The case tells it the roster
/// on every activation and every change of membership, and the case holds the roster itself: an activation kept only to
/// receive those would hold a second copy of every active case's roster, so after storing what it was told it lets
/// itself go (a read brings it back from storage).
/// </summary>
internal sealed class AnsvarsgruppeGrain(
    [PersistentState("ansvarsgruppe", UnitGrain.StorageName)] IPersistentState<AnsvarsgruppeGrainState> state) : Grain, IAnsvarsgruppeGrain
{
    public async Task ObserveAsync(GroupView view)
    {
        DeactivateOnIdle();
        if (state.State.Erased || (state.State.View is { } held && held.CaseVersion >= view.CaseVersion))
        {
            return;
        }

        state.State.View = view;
        await state.WriteStateAsync();
    }

    public async Task ForgetAsync()
    {
        DeactivateOnIdle();
        state.State.View = null;
        state.State.Erased = true;
        await state.WriteStateAsync();
    }

    public Task<GroupView?> GetAsync() => Task.FromResult(state.State.View);
}
