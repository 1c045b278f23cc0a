using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Plan;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// Applications to partners (domain §7; 004:418-432): many measures are applications — housing, social assistance,
// benefits, treatment — that go applied → decision (vedtak) → possibly appeal (klage), each with its date, so the referral
// is documented and a complaint is possible.
public static partial class CaseDecider
{
    private const int MaxPartner = MaxName;

    /// <summary>The steps each step may follow; none for the first.</summary>
    private static readonly ImmutableDictionary<ApplicationStep, ApplicationStep?[]> StepsBefore = new Dictionary<ApplicationStep, ApplicationStep?[]>
    {
        [Contracts.Plan.ApplicationStep.Planned] = [null, Contracts.Plan.ApplicationStep.Planned],
        [Contracts.Plan.ApplicationStep.Applied] = [null, Contracts.Plan.ApplicationStep.Planned],
        [Contracts.Plan.ApplicationStep.Granted] = [Contracts.Plan.ApplicationStep.Applied],
        [Contracts.Plan.ApplicationStep.Refused] = [Contracts.Plan.ApplicationStep.Applied],
        [Contracts.Plan.ApplicationStep.Appealed] = [Contracts.Plan.ApplicationStep.Refused],
        [Contracts.Plan.ApplicationStep.AppealGranted] = [Contracts.Plan.ApplicationStep.Appealed],
        [Contracts.Plan.ApplicationStep.AppealRefused] = [Contracts.Plan.ApplicationStep.Appealed],
    }.ToImmutableDictionary();

    private static Decision ApplicationStep(CaseState s, RecordApplicationStep c, CommandContext ctx)
    {
        if (!s.Measures.TryGetValue(c.MeasureId ?? "", out var m))
        {
            return NotFound("measure.not-found", $"No measure '{c.MeasureId}'.");
        }

        var actor = ctx.Actor.UserId;
        if (m.OwnerId != actor && s.Members.GetValueOrDefault(m.OwnerId)?.DeputyUserId != actor && !IsCoordinator(s, actor))
        {
            return Forbidden("application.not-owner", "An application is recorded by the measure's owner (or their deputy) or the coordinator.");
        }

        if (!Enum.IsDefined(c.Step) || (c.Kind is { } k && !Enum.IsDefined(k)))
        {
            return BadRequest("application.step-invalid", "Unknown application step or kind.");
        }

        var invalid = First(Text(c.Partner, "partner", MaxPartner), Text(c.Note, "note", MaxText));
        if (invalid is not null)
        {
            return invalid;
        }

        var current = m.Application;
        if (!StepsBefore[c.Step].Contains(current?.Step))
        {
            return Conflict("application.invalid-step", current is null
                ? $"The measure is not an application yet; start with '{Contracts.Plan.ApplicationStep.Planned}' or '{Contracts.Plan.ApplicationStep.Applied}'."
                : $"The application is {current.Step}; it cannot go to {c.Step}.");
        }

        if (c.Step != Contracts.Plan.ApplicationStep.Planned && !m.IsOpen)
        {
            return Conflict("measure.closed", $"The measure is {m.Status}; its application no longer changes.");
        }

        var kind = c.Kind ?? current?.Kind;
        if (kind is null)
        {
            return Unprocessable("application.kind-required", "Say what is applied for (housing, social assistance, benefits, treatment, …).");
        }

        if (c.Step == Contracts.Plan.ApplicationStep.Planned)
        {
            return c.Date is not null
                ? BadRequest("application.date-not-expected", "A planned application has no date yet; record the day it is sent as 'Applied'.")
                : new ApplicationStepRecorded(m.MeasureId, c.Step, null, kind.Value, c.Partner, c.Note);
        }

        var last = current?.Entries.LastOrDefault(e => e.Date is not null)?.Date;
        return c.Date switch
        {
            null => BadRequest("application.date-required", "The day the step happened is required."),
            { } d when d > ctx.Today => Unprocessable("application.date-in-future", $"A step is recorded once it has happened, not for {d:yyyy-MM-dd}."),
            { } d when last is { } before && d < before => Unprocessable("application.date-before-previous", $"The step cannot come before the previous one ({before:yyyy-MM-dd})."),
            { } d => new ApplicationStepRecorded(m.MeasureId, c.Step, d, kind.Value, c.Partner, c.Note),
        };
    }
}
