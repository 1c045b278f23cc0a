using CaseGrid.Contracts.Groups;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Units;
using Orleans.Runtime;

namespace CaseGrid.Grains.Groups;

/// <summary>
/// The ansvarsgruppe's own address, holding its roster as the case's events define it. The case tells it the roster
/// on every activation and every change of membership, and the case holds the roster itself: an activation kept only to
/// receive those would hold a second copy of every active case's roster, so once it has stored what it was told and
/// heard nothing for <see cref="Quiet"/> it lets itself go (a read brings it back from storage); not at once after each
/// update, so a burst of them (a team added at once) finds one activation (<see cref="LeaveWhenQuiet"/>).
/// </summary>
internal sealed class AnsvarsgruppeGrain(
    [PersistentState("ansvarsgruppe", UnitGrain.StorageName)] IPersistentState<AnsvarsgruppeGrainState> state) : Grain, IAnsvarsgruppeGrain
{
    /// <summary>How long the group stays in memory after its last update.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    private LeaveWhenQuiet? _leave;

    public async Task ObserveAsync(GroupView view)
    {
        LetGoWhenQuiet();
        if (state.State.Erased || (state.State.View is { } held && held.CaseVersion >= view.CaseVersion))
        {
            return;
        }

        state.State.View = view;
        await state.WriteStateAsync();
    }

    public async Task ForgetAsync()
    {
        LetGoWhenQuiet();
        state.State.View = null;
        state.State.Erased = true;
        await state.WriteStateAsync();
    }

    public Task<GroupView?> GetAsync() => Task.FromResult(state.State.View);

    /// <summary>Leave memory <see cref="Quiet"/> after the last update.</summary>
    private void LetGoWhenQuiet() => (_leave ??= new LeaveWhenQuiet(this, static () => true)).Heard(Quiet);
}
