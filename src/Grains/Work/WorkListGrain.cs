using System.Collections.Immutable;
using System.Globalization;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Work;
using CaseGrid.Grains.Realtime;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseGrid.Grains.Work;

/// <summary>
/// One user's list of what needs them: assembled from what each case says it needs of them by name and what each unit
/// they work at says it has for them, pushed to the API hosts that watch it whenever it changes. When something new
/// arrives and the user has an e-mail address, escalations and release moved earlier are mailed at once and the rest
/// in a daily digest, unless the user opted out of the kind (the mail names the kind only).
/// </summary>
internal sealed partial class WorkListGrain(
    [PersistentState("worklist", UnitGrain.StorageName)] IPersistentState<WorkListGrainState> state,
    IWorkMailOutbox outbox,
    IOptions<WorkOptions> options,
    TimeProvider clock,
    LiveWatchers watchers,
    ILogger<WorkListGrain> logger) : WatchedGrain(watchers), IWorkListGrain, IRemindable
{
    private const string DigestReminder = "work-digest";
    private static readonly TimeSpan RetryUnsent = TimeSpan.FromSeconds(30);

    /// <summary>How long a change of the list may wait before it is stored, so a burst of changes is stored once.</summary>
    private static readonly TimeSpan StoreWithin = TimeSpan.FromMilliseconds(250);

    private readonly WorkIndex _index = new();
    private WorkList? _list;
    private DateTimeOffset? _digestArmed;
    private IGrainTimer? _retry;
    private LeaveWhenQuiet? _leave;
    private StoreSoon? _soon;
    private bool _versionsMoved;

    private string UserId => this.GetPrimaryKeyString();

    private WorkListGrainState S => state.State;

    protected override LiveGroup Group => LiveGroup.Work(UserId);

    protected override long Head => S.Version;

    /// <summary>
    /// The kinds mailed at once — escalations, an orphaned responsibility (an escalation to its unit's leaders) and a release
    /// moved earlier; every other kind waits for the daily digest.
    /// </summary>
    public static bool MailedAtOnce(WorkItemKind kind) => kind is WorkItemKind.Escalation or WorkItemKind.OwnerLeftUnit or WorkItemKind.ReleaseMovedEarlier;

    private StoreSoon Soon => _soon ??= new StoreSoon(this, WriteAsync, StoreWithin);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var ignored = new List<WorkItem>();
        foreach (var items in S.Cases.Values.Select(c => c.Items).Concat(S.Units.Values.Where(u => u.Unit is not null).SelectMany(u => u.Cases.Values)))
        {
            _index.Replace([], items, ignored);
        }

        if (S.Unsent.Count > 0)
        {
            await FlushAsync(CancellationToken.None);
        }

        if (S.DigestPending.Count > 0)
        {
            await ArmDigestAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_versionsMoved && !Soon.Pending)
        {
            // Case versions seen without a change are kept in memory only; stored now, so a late message from before them
            // cannot pass once the list is read back.
            Soon.Request();
        }

        await Soon.FlushAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task ObserveCaseAsync(UserCaseUpdate update)
    {
        if (update is null || update.CaseVersion < S.CaseVersions.GetValueOrDefault(update.CaseId))
        {
            return;
        }

        var held = S.Cases.GetValueOrDefault(update.CaseId);
        var next = update.Membership is null && update.Items.IsDefaultOrEmpty ? null : new WorkListGrainState.CaseSource(update.Membership, update.Items);
        S.CaseVersions[update.CaseId] = update.CaseVersion;
        if (held == next || (held is not null && next is not null && Equals(held.Membership, next.Membership) && held.Items.SequenceEqual(next.Items)))
        {
            // Nothing changed for this user; the version moves on in memory and is written with the next change, or when
            // the list leaves memory.
            _versionsMoved = true;
            LetGoWhenUnused();
            return;
        }

        if (next is null)
        {
            S.Cases.Remove(update.CaseId);
        }
        else
        {
            S.Cases[update.CaseId] = next;
        }

        var arrived = new List<WorkItem>();
        var changed = _index.Replace(held?.Items ?? [], next?.Items ?? [], arrived);
        await ChangedAsync(changed, arrived);
        LetGoWhenUnused();
    }

    /// <summary>
    /// A list that only cases feed (the person's own, or a member's who works at no unit here) and that nobody watches
    /// leaves memory once it has taken its cases' updates, stored them and heard nothing for
    /// <see cref="WorkOptions.UnusedListSeconds"/>: each of its cases tells it again only when what it says changes, or
    /// when the case is activated again, and a read brings it back from storage. Not at once after each update: a burst
    /// (a case's members, many cases at the start of a day) would make an activation per message, and a message sent to
    /// an activation on its way out is forwarded to the next one, which would be leaving too. A list that units feed
    /// stays until Orleans collects it: a unit tells its staff of every case it has.
    /// </summary>
    private void LetGoWhenUnused()
    {
        if (!Unused)
        {
            return;
        }

        (_leave ??= new LeaveWhenQuiet(this, () => Unused)).Heard(TimeSpan.FromSeconds(options.Value.UnusedListSeconds));
    }

    private bool Unused => !IsWatched && S.Units.Count == 0 && S.Unsent.Count == 0;

    public async Task ForgetCaseAsync(string caseId)
    {
        // Under a version no later message from the case can pass; stored at once, and a failure reaches the erasure.
        await ObserveCaseAsync(new UserCaseUpdate(caseId, long.MaxValue, null, []));

        // What units said of it goes too (their numbering stays: the units forget it themselves).
        var arrived = new List<WorkItem>();
        var changed = false;
        foreach (var (unitId, source) in S.Units.Where(u => u.Value.Cases.ContainsKey(caseId)).ToList())
        {
            changed |= source.Unit is not null && _index.Replace(source.Cases[caseId], [], arrived);
            S.Units[unitId] = source with { Cases = source.Cases.Remove(caseId) };
        }

        await ChangedAsync(changed, arrived);
        _soon?.Stored();
        await state.WriteStateAsync();
    }

    public async Task ObserveUnitAsync(StaffWorkUpdate update)
    {
        if (update is null)
        {
            return;
        }

        var held = S.Units.GetValueOrDefault(update.UnitId);
        if (held is not null && (update.Epoch, update.Sequence).CompareTo((held.Epoch, held.Sequence)) <= 0)
        {
            return;
        }

        WorkListGrainState.UnitSource next;
        if (update.Snapshot)
        {
            next = new(update.Epoch, update.Sequence, update.Unit, update.Cases.Where(c => !c.Value.IsDefaultOrEmpty).ToImmutableDictionary(StringComparer.Ordinal));
        }
        else
        {
            var cases = held?.Cases ?? ImmutableDictionary<string, ImmutableArray<WorkItem>>.Empty.WithComparers(StringComparer.Ordinal);
            foreach (var (caseId, items) in update.Cases)
            {
                cases = items.IsDefaultOrEmpty ? cases.Remove(caseId) : cases.SetItem(caseId, items);
            }

            next = new(update.Epoch, update.Sequence, update.Unit, cases);
            if (held is null || held.Epoch != update.Epoch || held.Sequence + 1 != update.Sequence)
            {
                // An update went missing (or this is the first heard of the unit): ask for everything it has for this user.
                LogUnitGap(logger, UserId, update.UnitId);
                _ = GrainFactory.Unit(update.UnitId).ResendWorkAsync(UserId);
            }
        }

        S.Units[update.UnitId] = next;
        var empty = ImmutableDictionary<string, ImmutableArray<WorkItem>>.Empty;
        var was = held?.Unit is null ? empty : held.Cases;
        var now = next.Unit is null ? empty : next.Cases;
        var arrived = new List<WorkItem>();
        var changed = false;
        foreach (var caseId in was.Keys.Union(now.Keys, StringComparer.Ordinal))
        {
            changed |= _index.Replace(was.GetValueOrDefault(caseId, []), now.GetValueOrDefault(caseId, []), arrived);
        }

        await ChangedAsync(changed, arrived);
    }

    public Task<WorkList> GetAsync() => Task.FromResult(List);

    public Task<UserProfile> GetProfileAsync() => Task.FromResult(new UserProfile(
        UserId,
        [.. S.Units.Values.Select(u => u.Unit).OfType<StaffUnit>().OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.UnitId, StringComparer.Ordinal)],
        [.. S.Cases.Values.Select(c => c.Membership).OfType<MemberCase>().OrderBy(c => c.PersonName, StringComparer.Ordinal).ThenBy(c => c.CaseId, StringComparer.Ordinal)]));

    public async Task<ImmutableArray<MyCase>> GetCasesAsync(string? query) =>
        await MyCases.ReadAsync(GrainFactory, await GetProfileAsync(), query);

    public Task<NotificationSettings> GetNotificationsAsync() =>
        Task.FromResult(new NotificationSettings(Address, [.. S.OptOut.Order()]));

    public async Task<DomainError?> SetNotificationsAsync(NotificationSettings settings)
    {
        var email = string.IsNullOrWhiteSpace(settings?.Email) ? null : settings.Email.Trim();
        if (settings is null || (email is not null && !EmailAddress.IsValid(email)))
        {
            return new DomainError(ErrorKind.BadRequest, "notifications.email-invalid", "The e-mail address is not valid.");
        }

        if (settings.OptOut.IsDefault)
        {
            return new DomainError(ErrorKind.BadRequest, "notifications.opt-out-required", "Give optOut: the kinds of item you want no mail about (an empty list for none).");
        }

        if (settings.OptOut.Any(k => !Enum.IsDefined(k)))
        {
            return new DomainError(ErrorKind.BadRequest, "notifications.kind-invalid", "Unknown kind of item.");
        }

        S.Email = email;
        S.OptOut = [.. settings.OptOut];
        await WriteAsync();
        return null;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DigestReminder)
        {
            return;
        }

        // The day's digest: what arrived since the last one and still needs the user, by kind. Its key is the day, so a
        // digest that reached the outbox before a crash is not queued twice when the reminder fires again.
        var kinds = S.DigestPending.Where(p => _index.Contains(p.Key) && !S.OptOut.Contains(p.Value)).GroupBy(p => p.Value).OrderBy(g => g.Key).ToList();
        if (kinds.Count > 0 && Address is { } address)
        {
            var day = NorwegianTime.DateOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            S.Unsent.Add(new OutboxMail($"digest:{UserId}:{day}", UserId, address, [.. kinds.Select(g => g.Key)], [.. kinds.Select(g => g.Count())]));
        }

        S.DigestPending.Clear();
        await WriteAsync();
        await FlushAsync(CancellationToken.None);
        if (await this.GetReminder(DigestReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _digestArmed = null;
    }

    /// <summary>The address mail goes to: the user's own, else the first one a unit recorded for them.</summary>
    private string? Address => S.Email ?? S.Units.Values.Select(u => u.Unit?.Email).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The list as it stands (built when asked, once per version).</summary>
    private WorkList List => _list is { } list && list.Version == S.Version ? list : _list = new WorkList(UserId, S.Version, _index.Sorted);

    /// <summary>
    /// When the items changed, move the version on, push the list to the hosts watching it and decide what to mail. The
    /// list is stored shortly after, once for a burst of changes: it is a projection the cases and units send again (on
    /// activation, and whenever time is evaluated), and an item that is lost from it with a silo arrives as new again —
    /// mail included — when it is sent again. Mail decided here goes to the outbox at once.
    /// </summary>
    private async Task ChangedAsync(bool changed, List<WorkItem> arrived)
    {
        if (changed)
        {
            // A hybrid clock, like a unit board's: one more than the last and never below the time in microseconds, so
            // the version keeps growing when the list is activated again after a change whose (deferred) store was lost,
            // and a watcher holding the lost version sees the next one as newer.
            S.Version = Math.Max(S.Version + 1, (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10);
            if (IsWatched)
            {
                var pushed = List;
                Publish(host => host.OnWorkAsync(UserId, pushed));
            }

            Notice(arrived);
        }

        Soon.Request();
        if (S.Unsent.Count > 0)
        {
            await FlushAsync(CancellationToken.None);
        }

        if (S.DigestPending.Count > 0)
        {
            await ArmDigestAsync();
        }
    }

    /// <summary>Items new to the list: mail the urgent ones at once, keep the rest for the digest (unless opted out, or no address).</summary>
    private void Notice(IEnumerable<WorkItem> arrived)
    {
        if (Address is not { } address)
        {
            return;
        }

        foreach (var item in arrived.Where(i => !S.OptOut.Contains(i.Kind)))
        {
            if (MailedAtOnce(item.Kind))
            {
                S.Unsent.Add(new OutboxMail($"item:{UserId}:{item.ItemId}", UserId, address, [item.Kind], [1]));
            }
            else
            {
                S.DigestPending[item.ItemId] = item.Kind;
            }
        }
    }

    /// <summary>Move decided mail into the outbox; what cannot go now is tried again shortly (it stays in the stored state meanwhile).</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        try
        {
            foreach (var mail in S.Unsent.ToList())
            {
                await outbox.EnqueueAsync(mail, cancellationToken);
                S.Unsent.Remove(mail);
                sent++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogOutboxFailed(logger, e, UserId);
        }

        if (sent > 0)
        {
            await WriteAsync();
        }

        if (S.Unsent.Count == 0)
        {
            _retry?.Dispose();
            _retry = null;
        }
        else
        {
            _retry ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(RetryUnsent, RetryUnsent));
        }
    }

    /// <summary>Keep the durable digest reminder at the next digest hour while anything waits for it.</summary>
    private async Task ArmDigestAsync()
    {
        var now = clock.GetUtcNow();
        var today = NorwegianTime.DateOf(now);
        var at = NorwegianTime.StartOf(today).AddHours(options.Value.DigestHour);
        at = at > now ? at : NorwegianTime.StartOf(today.AddDays(1)).AddHours(options.Value.DigestHour);
        if (_digestArmed == at)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(DigestReminder, at - now, TimeSpan.FromDays(1));
            _digestArmed = at;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The items wait in the stored state; the next change arms the reminder again.
            LogDigestArmFailed(logger, e, UserId);
        }
    }

    private async Task WriteAsync()
    {
        _soon?.Stored();
        try
        {
            await state.WriteStateAsync();
            _versionsMoved = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cases and units send everything again when they are next activated or their time is evaluated.
            LogWriteFailed(logger, e, UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work list {UserId}: an update from unit {UnitId} went missing; asking for a snapshot")]
    private static partial void LogUnitGap(ILogger logger, string userId, string unitId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work list {UserId}: could not store the list")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work list {UserId}: could not put mail in the outbox; trying again shortly")]
    private static partial void LogOutboxFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work list {UserId}: could not set the digest reminder")]
    private static partial void LogDigestArmFailed(ILogger logger, Exception exception, string userId);
}
