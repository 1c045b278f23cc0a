using System.Collections.Immutable;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Directory;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;
using CaseGrid.Grains.Realtime;
using CaseGrid.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace CaseGrid.Grains.Units;

/// <summary>
/// A unit: its staff roster (the basis of unit authorisation), its index of current and incoming cases, and the work its
/// cases have for its staff and leaders, which it fans out to the work list of whoever works or leads there now — and
/// takes back when they leave. Every update to a staff member's list is numbered (epoch, sequence), so the list sees a
/// gap and asks for a snapshot; on activation the unit sends every staff member a snapshot and the directory its entry.
/// </summary>
internal sealed partial class UnitGrain(
    [PersistentState("unit", UnitGrain.StorageName)] IPersistentState<UnitGrainState> state,
    TimeProvider clock,
    LiveWatchers watchers,
    ILogger<UnitGrain> logger) : WatchedGrain(watchers), IUnitGrain
{
    /// <summary>The grain storage provider CaseGrid's grains persist to.</summary>
    public const string StorageName = "casegrid";

    private const int MaxMunicipality = 100;

    /// <summary>How long a change of the case index or the work may wait before it is stored, so a busy unit stores once per burst.</summary>
    private static readonly TimeSpan StoreWithin = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private long _directorySequence;
    private StoreSoon? _soon;

    private string UnitId => this.GetPrimaryKeyString();

    protected override LiveGroup Group => LiveGroup.Board(UnitId);

    /// <summary>The case index and the work are projections the cases send again: stored shortly after they change.</summary>
    private StoreSoon Soon => _soon ??= new StoreSoon(this, StoreProjectionsAsync, StoreWithin);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Soon.FlushAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Name is null)
        {
            return;
        }

        // A new epoch, stored before anything is numbered in it; then everyone is told everything again, so whatever
        // was lost with the previous activation heals.
        state.State.Epoch++;
        await state.WriteStateAsync(cancellationToken);
        _soon?.Stored();
        PublishDirectory();
        foreach (var userId in state.State.Staff.Keys)
        {
            SendSnapshot(userId);
        }
    }

    protected override long Head => state.State.BoardVersion;

    public async Task<DomainError?> DefineAsync(string name, Agency agency, string? municipality)
    {
        municipality = string.IsNullOrWhiteSpace(municipality) ? null : municipality.Trim();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return new DomainError(ErrorKind.BadRequest, "unit.name", "A unit needs a name of at most 200 characters.");
        }

        if (!Enum.IsDefined(agency) || agency == Agency.Person)
        {
            return new DomainError(ErrorKind.BadRequest, "unit.agency", "A unit is a prison, friomsorg office, municipality, NAV office, health service, school, NGO or other agency.");
        }

        if (state.State.Name is not null && state.State.Agency != agency)
        {
            return new DomainError(ErrorKind.Conflict, "unit.agency-fixed", $"Unit '{UnitId}' is a {state.State.Agency} unit; its kind cannot change.");
        }

        if (municipality is { Length: > MaxMunicipality })
        {
            return new DomainError(ErrorKind.BadRequest, "unit.municipality", $"A municipality's name has at most {MaxMunicipality} characters.");
        }

        var changed = state.State.Name != name || state.State.Municipality != municipality;
        if (state.State.Name is null)
        {
            state.State.Epoch++;
        }

        state.State.Name = name;
        state.State.Agency = agency;
        state.State.Municipality = municipality;
        await state.WriteStateAsync();
        _soon?.Stored();
        if (changed)
        {
            PublishDirectory();
            foreach (var userId in state.State.Staff.Keys)
            {
                SendSnapshot(userId);
            }
        }

        return null;
    }

    public Task<UnitInfo?> GetInfoAsync() => Task.FromResult(Info);

    public Task<UnitView?> GetAsync() => Task.FromResult(Info is { } info
        ? new UnitView(info, [.. state.State.Staff.Values.OrderBy(s => s.DisplayName, StringComparer.Ordinal)], SortedCases())
        : null);

    public async Task<DomainError?> SetStaffAsync(UnitStaff staff)
    {
        if (Info is null)
        {
            return new DomainError(ErrorKind.NotFound, "unit.not-found", $"Unit '{UnitId}' does not exist.");
        }

        if (staff is null || !CaseGridIds.IsValid(staff.UserId) || string.IsNullOrWhiteSpace(staff.DisplayName) || staff.DisplayName.Length > 200)
        {
            return new DomainError(ErrorKind.BadRequest, "staff.invalid", "Staff need a valid user id and a name of at most 200 characters.");
        }

        var email = string.IsNullOrWhiteSpace(staff.Email) ? null : staff.Email.Trim();
        if (email is not null && !EmailAddress.IsValid(email))
        {
            return new DomainError(ErrorKind.BadRequest, "staff.email-invalid", "The e-mail address is not valid.");
        }

        var returning = !state.State.Staff.ContainsKey(staff.UserId);
        state.State.Staff[staff.UserId] = staff with { Email = email };
        await state.WriteStateAsync();
        _soon?.Stored();
        PublishDirectory();
        SendSnapshot(staff.UserId);
        if (returning)
        {
            TellHoldings(staff.UserId);
        }

        return null;
    }

    public async Task<DomainError?> RemoveStaffAsync(string userId)
    {
        if (!state.State.Staff.Remove(userId))
        {
            return new DomainError(ErrorKind.NotFound, "staff.not-found", $"'{userId}' does not work at '{UnitId}'.");
        }

        await state.WriteStateAsync();
        _soon?.Stored();
        Publish(host => host.OnStaffRemovedAsync(UnitId, userId));
        PublishDirectory();

        // Everything the unit gave them goes from their list.
        SendSnapshot(userId);
        TellHoldings(userId);
        return null;
    }

    public Task ObserveHoldingsAsync(UnitHoldingsUpdate update)
    {
        if (update is null || update.CaseVersion < state.State.HoldingVersions.GetValueOrDefault(update.CaseId))
        {
            return Task.CompletedTask;
        }

        state.State.HoldingVersions[update.CaseId] = update.CaseVersion;
        var holders = update.UserIds.IsDefault ? [] : update.UserIds;
        foreach (var (userId, cases) in state.State.Holdings.Where(h => h.Value.Contains(update.CaseId) && !holders.Contains(h.Key)).ToList())
        {
            cases.Remove(update.CaseId);
            if (cases.Count == 0)
            {
                state.State.Holdings.Remove(userId);
            }
        }

        foreach (var userId in holders)
        {
            if (!state.State.Holdings.TryGetValue(userId, out var cases))
            {
                state.State.Holdings[userId] = cases = new HashSet<string>(StringComparer.Ordinal);
            }

            cases.Add(update.CaseId);
        }

        // A projection the cases send again when activated (and they ask the units themselves on every evaluation of time):
        // stored with the case index, once per burst.
        Soon.Request();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Someone left (or joined) the staff: every case where they hold a responsibility for this unit is told at once, one-way.
    /// The cases ask the units again on their own evaluations of time, so a notice lost here heals by the daily sweep at the latest.
    /// </summary>
    private void TellHoldings(string userId)
    {
        foreach (var caseId in state.State.Holdings.GetValueOrDefault(userId) ?? [])
        {
            _ = GrainFactory.Case(caseId).CheckStaffingAsync();
        }
    }

    public Task<UnitResolution> ResolveAsync(string userId)
    {
        if (Info is not { } info)
        {
            return Task.FromResult(UnitResolution.Unknown);
        }

        var staff = state.State.Staff.GetValueOrDefault(userId);
        return Task.FromResult(new UnitResolution(info, staff is not null, staff?.IsLeader == true));
    }

    public Task ObserveCaseAsync(UnitCaseUpdate update)
    {
        if (!state.State.Take(update))
        {
            return Task.CompletedTask;
        }

        // The board's version is a hybrid clock: one more than the last, and never below the time in microseconds, so
        // it keeps growing when the unit is activated again elsewhere after a change whose state write was lost.
        var version = NextBoardVersion();
        Publish(host => host.OnBoardAsync(UnitId, update, version));
        Soon.Request();
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<UnitCaseEntry>> GetCasesAsync() => Task.FromResult(SortedCases());

    public Task<ImmutableArray<UnitCaseEntry>> GetCaseLinesAsync(ImmutableArray<string> caseIds) =>
        Task.FromResult<ImmutableArray<UnitCaseEntry>>([.. (caseIds.IsDefault ? [] : caseIds).Distinct(StringComparer.Ordinal)
            .Select(id => state.State.Cases.GetValueOrDefault(id)).OfType<UnitCaseEntry>()]);

    public Task ObserveCaseWorkAsync(UnitCaseWork work)
    {
        if (work is null || work.CaseVersion < state.State.WorkVersions.GetValueOrDefault(work.CaseId))
        {
            return Task.CompletedTask;
        }

        var before = state.State.Work.GetValueOrDefault(work.CaseId);
        var after = work.IsEmpty ? null : work;
        if (before is null && after is null)
        {
            // Nothing here from this case, and nothing now: cases say so to every unit they mention when they are
            // activated, so this is kept cheap — no version recorded, nothing stored.
            return Task.CompletedTask;
        }

        state.State.WorkVersions[work.CaseId] = work.CaseVersion;
        if (SameItems(before, after))
        {
            return Task.CompletedTask;
        }

        if (after is null)
        {
            state.State.Work.Remove(work.CaseId);
        }
        else
        {
            state.State.Work[work.CaseId] = after;
        }

        Soon.Request();

        // Each staff member whose part changed hears of this case; the rest hear nothing.
        foreach (var staff in state.State.Staff.Values)
        {
            var now = ItemsFor(after, staff.IsLeader);
            if (!ItemsFor(before, staff.IsLeader).SequenceEqual(now))
            {
                Send(staff.UserId, false, ImmutableDictionary<string, ImmutableArray<WorkItem>>.Empty.Add(work.CaseId, now));
            }
        }

        return Task.CompletedTask;
    }

    public Task ResendWorkAsync(string userId)
    {
        if (CaseGridIds.IsValid(userId) && state.State.Name is not null)
        {
            SendSnapshot(userId);
        }

        return Task.CompletedTask;
    }

    private async Task StoreProjectionsAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cases send their lines and work again when they are next activated or their time is evaluated.
            LogProjectionWriteFailed(logger, e, UnitId);
        }
    }

    public async Task ForgetCaseAsync(string caseId)
    {
        var gone = new UnitCaseUpdate(caseId, long.MaxValue, null);
        state.State.SeenVersions[caseId] = gone.CaseVersion;
        state.State.HoldingVersions[caseId] = long.MaxValue;
        foreach (var (userId, cases) in state.State.Holdings.ToList())
        {
            if (cases.Remove(caseId) && cases.Count == 0)
            {
                state.State.Holdings.Remove(userId);
            }
        }

        if (state.State.Cases.Remove(caseId))
        {
            var version = NextBoardVersion();
            Publish(host => host.OnBoardAsync(UnitId, gone, version));
        }

        // An erased case leaves no work behind either: its items leave the lists of everyone who could have had them.
        state.State.WorkVersions[caseId] = long.MaxValue;
        // Every staff member's list, not only those it holds items for now: an item taken back a moment ago may still wait
        // to be stored in a list.
        state.State.Work.Remove(caseId);
        await Task.WhenAll(state.State.Staff.Values.Select(s => GrainFactory.WorkList(s.UserId).ForgetCaseAsync(caseId)));

        await state.WriteStateAsync();
        _soon?.Stored();
    }

    public Task<UnitBoard> GetBoardAsync() => Task.FromResult(new UnitBoard(state.State.BoardVersion, SortedCases()));

    private UnitInfo? Info => state.State.Name is { } name ? new UnitInfo(UnitId, name, state.State.Agency, state.State.Municipality) : null;

    private static ImmutableArray<WorkItem> ItemsFor(UnitCaseWork? work, bool leader) =>
        work is null ? [] : leader ? [.. work.Staff, .. work.Leaders] : work.Staff;

    private static bool SameItems(UnitCaseWork? a, UnitCaseWork? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.Staff.SequenceEqual(b.Staff) && a.Leaders.SequenceEqual(b.Leaders));

    /// <summary>Everything the unit has for <paramref name="userId"/>: their place here and every case's items for them (nothing when they do not work here).</summary>
    private void SendSnapshot(string userId)
    {
        var staff = state.State.Staff.GetValueOrDefault(userId);
        var cases = staff is null
            ? ImmutableDictionary<string, ImmutableArray<WorkItem>>.Empty
            : state.State.Work.Values.Select(w => (w.CaseId, Items: ItemsFor(w, staff.IsLeader))).Where(w => !w.Items.IsEmpty)
                .ToImmutableDictionary(w => w.CaseId, w => w.Items, StringComparer.Ordinal);
        Send(userId, true, cases);
    }

    private void Send(string userId, bool snapshot, ImmutableDictionary<string, ImmutableArray<WorkItem>> cases)
    {
        var staff = state.State.Staff.GetValueOrDefault(userId);
        var unit = staff is null || Info is not { } info ? null : new StaffUnit(UnitId, info.Name, info.Agency, info.Municipality, staff.IsLeader, staff.Email);
        var sequence = _sequences[userId] = _sequences.GetValueOrDefault(userId) + 1;
        _ = GrainFactory.WorkList(userId).ObserveUnitAsync(new StaffWorkUpdate(UnitId, state.State.Epoch, sequence, unit, snapshot, cases));
    }

    private void PublishDirectory()
    {
        var unit = Info is { } info ? new DirectoryUnit(UnitId, info.Name, info.Agency, info.Municipality) : null;
        var staff = state.State.Staff.Values.OrderBy(s => s.DisplayName, StringComparer.Ordinal).Select(s => new DirectoryStaff(s.UserId, s.DisplayName, s.IsLeader)).ToImmutableArray();
        _ = GrainFactory.Directory().ObserveUnitAsync(new DirectoryUnitUpdate(UnitId, state.State.Epoch, ++_directorySequence, unit, staff));
    }

    /// <summary>
    /// The board's next version, a hybrid clock: one more than the last, and never below the time in microseconds, so
    /// it keeps growing when the unit is activated again elsewhere after a change whose state write was lost.
    /// </summary>
    private long NextBoardVersion() =>
        state.State.BoardVersion = Math.Max(state.State.BoardVersion + 1, (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10);

    private ImmutableArray<UnitCaseEntry> SortedCases() =>
        [.. state.State.Cases.Values.OrderBy(c => c.ExpectedRelease ?? DateOnly.MaxValue).ThenBy(c => c.CaseId, StringComparer.Ordinal)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit {UnitId}: could not store its case index and work")]
    private static partial void LogProjectionWriteFailed(ILogger logger, Exception exception, string unitId);
}
