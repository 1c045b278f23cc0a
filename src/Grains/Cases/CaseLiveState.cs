using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// The volatile part of a case: who is present and who holds which free-text field. Not persisted: hosts renew
/// presence by heartbeat and editors renew their locks, so both rebuild by themselves after a failover.
/// </summary>
internal sealed class CaseLiveState(TimeProvider clock)
{
    /// <summary>Presence lapses after this much silence.</summary>
    public static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(45);

    /// <summary>A field lock lapses after this long unless renewed.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, PresenceEntry> _presence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (FieldLock Lock, string ConnectionId)> _locks = new(StringComparer.Ordinal);

    public bool IsEmpty => _presence.Count == 0 && _locks.Count == 0;

    /// <summary>Who is present and who holds which field; nobody and nothing without a live state.</summary>
    public static CasePresence Snapshot(CaseLiveState? live) => live is null ? new([], []) : new(
        [.. live._presence.Values.OrderBy(p => p.DisplayName, StringComparer.Ordinal).ThenBy(p => p.ConnectionId, StringComparer.Ordinal)],
        [.. live._locks.Values.Select(l => l.Lock).OrderBy(l => l.Field, StringComparer.Ordinal)]);

    /// <summary>
    /// A connection says it is here; true when that changes what the others see (it arrives, or its person, mode or field
    /// is another), false for a repeat that only renews it — a repeat need not be pushed to every viewer again.
    /// </summary>
    public bool Heartbeat(ActorRef actor, string connectionId, PresenceMode mode, string? editingField)
    {
        var seen = new PresenceEntry(connectionId, actor.UserId, actor.DisplayName, mode, editingField, clock.GetUtcNow());
        var changed = !_presence.TryGetValue(connectionId, out var was) || was with { LastSeen = seen.LastSeen } != seen;
        _presence[connectionId] = seen;
        return changed;
    }

    /// <summary>Remove a connection and its locks; true when anything changed.</summary>
    public bool Leave(string connectionId)
    {
        var removed = _presence.Remove(connectionId);
        foreach (var field in _locks.Where(l => l.Value.ConnectionId == connectionId).Select(l => l.Key).ToList())
        {
            removed |= _locks.Remove(field);
        }

        return removed;
    }

    public FieldLockResult Lock(ActorRef actor, string connectionId, string field)
    {
        Expire();
        if (_locks.TryGetValue(field, out var held) && held.Lock.UserId != actor.UserId)
        {
            return new FieldLockResult(false, held.Lock, null);
        }

        var granted = new FieldLock(field, actor.UserId, actor.DisplayName, clock.GetUtcNow() + LockTimeout);
        _locks[field] = (granted, connectionId);
        return new FieldLockResult(true, granted, null);
    }

    public bool Release(string userId, string field) =>
        _locks.TryGetValue(field, out var held) && held.Lock.UserId == userId && _locks.Remove(field);

    /// <summary>The first of <paramref name="fields"/> someone other than <paramref name="userId"/> holds, if any.</summary>
    public FieldLock? HeldByOther(IEnumerable<string> fields, string userId)
    {
        Expire();
        return fields.Select(f => _locks.GetValueOrDefault(f).Lock).FirstOrDefault(l => l is not null && l.UserId != userId);
    }

    /// <summary>Drop silent presence and lapsed locks; true when anything changed.</summary>
    public bool Expire()
    {
        var now = clock.GetUtcNow();
        List<string>? gone = null;
        foreach (var (id, presence) in _presence)
        {
            if (now - presence.LastSeen > PresenceTimeout)
            {
                (gone ??= []).Add(id);
            }
        }

        List<string>? unlocked = null;
        foreach (var (field, held) in _locks)
        {
            if (held.Lock.ExpiresAt <= now)
            {
                (unlocked ??= []).Add(field);
            }
        }

        // Checked on every command: nothing is allocated unless something has expired.
        var changed = false;
        foreach (var id in gone ?? [])
        {
            changed |= _presence.Remove(id);
        }

        foreach (var field in unlocked ?? [])
        {
            changed |= _locks.Remove(field);
        }

        return changed;
    }

    /// <summary>Free-text fields are named <c>need:{code}:assessment</c>, <c>need:{code}:ownWords</c> or <c>meeting:{id}:minutes</c>.</summary>
    public static DomainError? CheckField(CaseState state, string? field)
    {
        var parts = field?.Split(':') ?? [];
        var known = parts switch
        {
            ["need", var code, "assessment" or "ownWords"] => state.NeedAreas.ContainsKey(code),
            ["meeting", var id, "minutes"] => CaseGridIds.IsValid(id),
            _ => false,
        };
        return known ? null : new DomainError(ErrorKind.BadRequest, "field.unknown", $"'{field}' is not a free-text field of this case.");
    }

    /// <summary>The free-text fields a command would change.</summary>
    public static IEnumerable<string> FieldsTouched(CaseState state, CaseCommand command)
    {
        if (command is EditMinutes minutes)
        {
            yield return $"meeting:{minutes.MeetingId}:minutes";
        }

        if (command is UpdateNeedArea u && state.NeedAreas.TryGetValue(u.Code ?? "", out var need))
        {
            if (u.Assessment != need.Assessment)
            {
                yield return $"need:{u.Code}:assessment";
            }

            if (u.OwnWords != need.OwnWords)
            {
                yield return $"need:{u.Code}:ownWords";
            }
        }
    }
}
