using CaseGrid.Contracts.Cases;
using CaseGrid.Domain.Work;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// Who is told (domain §13): an escalation stays on its leaders' lists until the case removes its cause
// (WorkRules.IsEscalationOpen) or a leader records what they did about it.
public static partial class CaseDecider
{
    /// <summary>A leader of the unit the escalation went to records it as handled, with a note of what was done.</summary>
    private static Decision ResolveEscalationOf(CaseState s, ResolveEscalation c, CommandContext ctx)
    {
        var escalation = s.Escalations.FirstOrDefault(e => e.EscalationId == c.EscalationId);
        if (escalation is null)
        {
            return NotFound("escalation.not-found", $"No escalation '{c.EscalationId}'.");
        }

        if (!ctx.IsLeaderOf(WorkRules.EscalationUnit(s, escalation)))
        {
            return Forbidden("escalation.not-leader", "Only a leader of the unit the escalation went to records it as handled.");
        }

        if (escalation.ResolvedAt is not null)
        {
            return Conflict("escalation.resolved", "The escalation is already recorded as handled.");
        }

        var note = Text(c.Note, "note", MaxText, required: true);
        return note is not null
            ? note with { Kind = Contracts.Common.ErrorKind.Unprocessable, Code = "escalation.note-required" }
            : new EscalationResolved(escalation.EscalationId, c.Note);
    }
}
