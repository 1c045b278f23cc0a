using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// The commands with an id a case has applied, and the versions each wrote: a command sent again with its id (its
/// first answer was lost to a failure) is answered from here instead of being applied twice. The most recent
/// <see cref="Capacity"/> are held; once older ones have been let go, a command not held is looked for in the log.
/// </summary>
internal sealed class CommandMemory
{
    /// <summary>How many commands are held.</summary>
    public const int Capacity = 1000;

    // Made with the first command held, so a case whose commands carried no ids holds no empty tables.
    private Dictionary<(string Actor, string? Client, string Id), CommandSpan>? _spans;
    private Queue<(string Actor, string? Client, string Id)>? _order;

    /// <summary>True once a command has been let go: one not held may still be in the log.</summary>
    public bool Forgetful { get; private set; }

    /// <summary>Note the commands behind events just appended or read from the log.</summary>
    public void Remember(IEnumerable<CaseEventRecord> records)
    {
        foreach (var record in records)
        {
            if (record.CommandId is not { } id)
            {
                continue;
            }

            var key = (record.ActorId, record.ClientId, id);
            _spans ??= [];
            _order ??= new();
            if (_spans.TryGetValue(key, out var span))
            {
                _spans[key] = span with { First = Math.Min(span.First, record.Version), Last = Math.Max(span.Last, record.Version) };
                continue;
            }

            _spans[key] = new CommandSpan(record.Version, record.Version, record.CommandHash);
            _order.Enqueue(key);
            if (_order.Count > Capacity)
            {
                _spans.Remove(_order.Dequeue());
                Forgetful = true;
            }
        }
    }

    /// <summary>The versions the command wrote and its digest, when it is held.</summary>
    public CommandSpan? Find(ActorRef actor, string commandId) =>
        _spans is not null && _spans.TryGetValue((actor.UserId, actor.ClientId, commandId), out var span) ? span : null;

    /// <summary>The commands held, oldest first (for a snapshot).</summary>
    public ImmutableArray<RememberedCommand> Held() =>
        _order is null ? [] : [.. _order.Select(k => new RememberedCommand(k.Actor, k.Client, k.Id, _spans![k].First, _spans[k].Last, _spans[k].Hash))];

    /// <summary>Hold what a snapshot held, instead of anything held now.</summary>
    public void Restore(IEnumerable<RememberedCommand> commands, bool forgetful)
    {
        Clear();
        foreach (var c in commands)
        {
            var key = (c.ActorId, c.ClientId, c.CommandId);
            _spans ??= [];
            _order ??= new();
            if (_spans.TryAdd(key, new CommandSpan(c.First, c.Last, c.Hash)))
            {
                _order.Enqueue(key);
            }
        }

        Forgetful = forgetful;
    }

    /// <summary>Forget everything (the case is read again from its log).</summary>
    public void Clear()
    {
        _spans = null;
        _order = null;
        Forgetful = false;
    }
}
