using System.Collections.Concurrent;
using CaseGrid.Contracts.Realtime;

namespace CaseGrid.Api.Realtime;

/// <summary>Which of this host's connections watch which case or board, and for which user.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _scopes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>The group name of a case.</summary>
    public static string CaseGroup(string caseId) => LiveGroup.Case(caseId).ToString();

    /// <summary>The group name of a unit board.</summary>
    public static string BoardGroup(string unitId) => LiveGroup.Board(unitId).ToString();

    /// <summary>The group name of a user's work list (only that user's connections join it).</summary>
    public static string WorkGroup(string userId) => LiveGroup.Work(userId).ToString();

    /// <summary>Record that a connection watches a group; true when it is the group's first on this host.</summary>
    public bool Add(string group, string connectionId, string userId)
    {
        var members = _scopes.GetOrAdd(group, _ => new(StringComparer.Ordinal));
        lock (members)
        {
            var first = members.IsEmpty;
            members[connectionId] = userId;
            _byConnection.GetOrAdd(connectionId, _ => new(StringComparer.Ordinal))[group] = 0;
            return first;
        }
    }

    /// <summary>Forget that a connection watches a group; true when the group has no connection left on this host.</summary>
    public bool Remove(string group, string connectionId)
    {
        if (_byConnection.TryGetValue(connectionId, out var groups))
        {
            groups.TryRemove(group, out _);
        }

        if (!_scopes.TryGetValue(group, out var members))
        {
            return false;
        }

        lock (members)
        {
            members.TryRemove(connectionId, out _);
            if (!members.IsEmpty)
            {
                return false;
            }

            _scopes.TryRemove(group, out _);
            return true;
        }
    }

    /// <summary>The groups a connection watches.</summary>
    public IReadOnlyCollection<string> GroupsOf(string connectionId) =>
        _byConnection.TryGetValue(connectionId, out var groups) ? [.. groups.Keys] : [];

    /// <summary>Forget a connection entirely.</summary>
    public void Forget(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    /// <summary>The connections of <paramref name="userId"/> in a group.</summary>
    public IReadOnlyList<string> ConnectionsOf(string group, string userId) =>
        _scopes.TryGetValue(group, out var members) ? [.. members.Where(m => m.Value == userId).Select(m => m.Key)] : [];

    /// <summary>This host's connections in a group, with their users.</summary>
    public IReadOnlyList<(string ConnectionId, string UserId)> Watchers(string group) =>
        _scopes.TryGetValue(group, out var members) ? [.. members.Select(m => (m.Key, m.Value))] : [];

    /// <summary>Every group with at least one connection on this host.</summary>
    public IReadOnlyList<string> WatchedGroups => [.. _scopes.Keys];
}
