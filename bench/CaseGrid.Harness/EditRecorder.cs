using System.Collections.Concurrent;
using System.Diagnostics;

namespace CaseGrid.Harness;

/// <summary>
/// Every edit the editors send and every arrival of it at a member: the editor stamps the edit when it sends it and
/// when its acknowledgement comes back; each other member of the group stamps its first arrival. All stamps are
/// <see cref="Stopwatch.GetTimestamp"/> of this process.
/// </summary>
internal sealed class EditRecorder(string run)
{
    private readonly ConcurrentDictionary<string, Edit> _edits = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(Edit Edit, long At)> _deliveries = new();
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Edits sent from now on count in the results (those before are warm-up).</summary>
    public bool Measuring { get; set; }

    public string Prefix => $"bench:{run}:";

    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>A new edit by member <paramref name="member"/> of group <paramref name="group"/>, stamped as sent now.</summary>
    public Edit Begin(int group, int member, int members)
    {
        var edit = new Edit($"{Prefix}{group}:{member}:{Interlocked.Increment(ref _sequence)}", group, member, members, Measuring, Stopwatch.GetTimestamp());
        _edits[edit.Id] = edit;
        return edit;
    }

    /// <summary>The editor got its acknowledgement: stamped now.</summary>
    public static void Acknowledged(Edit edit, string? caseId, long version)
    {
        edit.Ack = Stopwatch.GetTimestamp();
        edit.CaseId = caseId;
        edit.Version = version;
    }

    /// <summary>Member <paramref name="member"/> of the edit's group received edit <paramref name="editId"/> at <paramref name="at"/>.</summary>
    public void Delivered(string editId, int member, long at)
    {
        if (_edits.TryGetValue(editId, out var edit) && edit.Member != member)
        {
            _deliveries.Enqueue((edit, at));
        }
    }

    public void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void ClearErrors() => _errors.Clear();

    /// <summary>Acknowledged edits, all or only the measured ones.</summary>
    public IReadOnlyList<Edit> Acknowledged(bool measuredOnly) => [.. _edits.Values.Where(e => e.Ack != 0 && (!measuredOnly || e.Measured))];

    /// <summary>Deliveries of measured, acknowledged edits seen so far.</summary>
    public int MeasuredDeliveries() => _deliveries.Count(d => d.Edit.Measured && d.Edit.Ack != 0);

    /// <summary>Ack → delivery and send → delivery over the measured edits (a delivery before the ack counts as 0 there).</summary>
    public (Latency AckToDelivery, Latency SendToDelivery, int BeforeAck) Latencies()
    {
        var measured = _deliveries.Where(d => d.Edit.Measured && d.Edit.Ack != 0).ToList();
        var ack = measured.Select(d => Math.Max(0, Stopwatch.GetElapsedTime(d.Edit.Ack, d.At).TotalMilliseconds * (d.At >= d.Edit.Ack ? 1 : -1)));
        var send = measured.Select(d => Stopwatch.GetElapsedTime(d.Edit.Sent, d.At).TotalMilliseconds);
        return (Latency.Of(ack), Latency.Of(send), measured.Count(d => d.At < d.Edit.Ack));
    }

    /// <summary>One edit.</summary>
    internal sealed class Edit(string id, int group, int member, int members, bool measured, long sent)
    {
        public string Id { get; } = id;

        public int Group { get; } = group;

        public int Member { get; } = member;

        public int Members { get; } = members;

        public bool Measured { get; } = measured;

        public long Sent { get; } = sent;

        public long Ack { get; set; }

        public string? CaseId { get; set; }

        public long Version { get; set; }
    }
}
