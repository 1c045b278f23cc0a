using System.Text;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Domain;

namespace CaseGrid.Domain.Tests.Properties;

/// <summary>What the random sequences actually did: so the property can show it reached the interesting places.</summary>
internal sealed class SequenceStats
{
    private readonly Dictionary<string, int> _accepted = [];
    private readonly Dictionary<string, int> _refused = [];
    private readonly Dictionary<string, int> _events = [];

    public int Steps { get; private set; }

    public int Sequences { get; private set; }

    public void SequenceStarted() => Sequences++;

    public void Record(CaseState before, CaseCommand command, Decision decision)
    {
        Steps++;
        var name = command.GetType().Name;
        if (decision.IsRefused)
        {
            Add(_refused, $"{name} {decision.Error!.Code}");
            return;
        }

        Add(_accepted, name);
        foreach (var e in decision.Events)
        {
            Add(_events, e.GetType().Name);
            if (e is ResponsibilityOrphaned orphaned)
            {
                Add(_events, $"ResponsibilityOrphaned ({orphaned.Cause})");
            }

            if (e is PhaseChanged phase && CasePhases.IsRelease(phase.Previous, phase.Phase))
            {
                Add(_events, $"PhaseChanged (out to {phase.Phase})");
            }

            if (e is HandoverCompleted && command is ChangePhase)
            {
                Add(_events, "HandoverCompleted by a release");
            }

            if (e is HandoverCompleted completed)
            {
                Add(_events, before.Handovers[completed.HandoverId].Subject == Responsibility.Coordinator ? "HandoverCompleted (coordinator)" : "HandoverCompleted (need area)");
            }
        }

        if (command is CloseMeeting && decision.Events.Any(e => e is OverlapEstablished))
        {
            Add(_events, "OverlapEstablished by a meeting closing");
        }

        if (command is EndMembership && decision.Events.Length > 1)
        {
            Add(_events, "EndMembership lapsing supporting or deputy roles");
        }
    }

    /// <summary>A unit's staff changed in the sequence; its notice reached the case or was lost.</summary>
    public void StaffChanged(bool removed, bool notified) => Add(_events, $"staff {(removed ? "removed" : "restored")}, notice {(notified ? "delivered" : "lost")}");

    /// <summary>An evaluation of time learned of a staff change whose notice was lost.</summary>
    public void Healed() => Add(_events, "staff notices lost, healed by a later evaluation");

    public int Accepted(string command) => _accepted.GetValueOrDefault(command);

    public int Refused(string commandAndCode) => _refused.GetValueOrDefault(commandAndCode);

    public int Events(string name) => _events.GetValueOrDefault(name);

    public double AcceptedShare => Steps == 0 ? 0 : (double)_accepted.Values.Sum() / Steps;

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Sequences} sequences, {Steps} steps, {AcceptedShare:P0} accepted.");
        Append(text, "Accepted", _accepted);
        Append(text, "Events", _events);
        Append(text, "Refused", _refused);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string title, Dictionary<string, int> counts)
    {
        text.AppendLine($"{title}:");
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"  {count,6}  {key}");
        }
    }

    private static void Add(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
