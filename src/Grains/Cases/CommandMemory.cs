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

    private readonly Dictionary<(string Actor, string? Client, string Id), CommandSpan> _spans = [];
    private readonly Queue<(string Actor, string? Client, string Id)> _order = new();

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
        _spans.TryGetValue((actor.UserId, actor.ClientId, commandId), out var span) ? span : null;

    /// <summary>Forget everything (the case is read again from its log).</summary>
    public void Clear()
    {
        _spans.Clear();
        _order.Clear();
        Forgetful = false;
    }
}
