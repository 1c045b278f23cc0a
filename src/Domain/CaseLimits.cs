using System.ComponentModel.DataAnnotations;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

/// <summary>
/// How much one case may hold (section <c>CaseGrid:Limits</c>): enough for the longest real case many times over, and a
/// bound on what one member — or a partner system acting for one — can make a case grow to. A command that would go past a
/// cap is refused with 422 <c>case.limit</c> and changes nothing.
/// </summary>
public sealed class CaseLimits
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Limits";

    /// <summary>The defaults.</summary>
    public static CaseLimits Default { get; } = new();

    /// <summary>Members, current and former.</summary>
    [Range(2, 10_000)]
    public int Members { get; set; } = 100;

    /// <summary>Goals.</summary>
    [Range(1, 100_000)]
    public int Goals { get; set; } = 500;

    /// <summary>Measures, however made (added, decided in a meeting, an adopted proposal).</summary>
    [Range(1, 100_000)]
    public int Measures { get; set; } = 1000;

    /// <summary>Proposals.</summary>
    [Range(1, 100_000)]
    public int Proposals { get; set; } = 1000;

    /// <summary>Meetings, held, cancelled or to come.</summary>
    [Range(1, 100_000)]
    public int Meetings { get; set; } = 500;

    /// <summary>Encounters: group meetings held and contacts with the person.</summary>
    [Range(1, 100_000)]
    public int Encounters { get; set; } = 2000;

    /// <summary>Handovers, open and closed.</summary>
    [Range(1, 100_000)]
    public int Handovers { get; set; } = 500;

    /// <summary>Milestones recorded.</summary>
    [Range(1, 100_000)]
    public int Milestones { get; set; } = 500;

    /// <summary>The person's answers to plan versions.</summary>
    [Range(1, 100_000)]
    public int Agreements { get; set; } = 1000;

    /// <summary>Release exceptions.</summary>
    [Range(1, 10_000)]
    public int ReleaseExceptions { get; set; } = 100;

    /// <summary>Supporting owners of one need area.</summary>
    [Range(1, 1000)]
    public int SupportingOwnersPerArea { get; set; } = 20;

    /// <summary>Decisions of one meeting.</summary>
    [Range(1, 10_000)]
    public int DecisionsPerMeeting { get; set; } = 100;

    /// <summary>Consent and approvals recorded on the person's word, waiting for their confirmation.</summary>
    [Range(1, 1000)]
    public int WaitingPrivacyRequests { get; set; } = 20;

    /// <summary>Null when <paramref name="command"/> keeps <paramref name="state"/> within every cap; otherwise the refusal.</summary>
    public DomainError? Refusal(CaseState state, CaseCommand command, CommandContext ctx)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ctx);
        return command switch
        {
            AddMember => Over(state.Members.Count, Members, "members"),
            AcceptHandover when !state.Members.ContainsKey(ctx.Actor.UserId) => Over(state.Members.Count, Members, "members"),
            AddGoal => Over(state.Goals.Count, Goals, "goals"),
            AddMeasure => Over(state.Measures.Count, Measures, "measures"),
            AnswerProposal { Adopt: true } => Over(state.Measures.Count, Measures, "measures"),
            RecordDecision c => Over(state.Measures.Count, Measures, "measures")
                ?? Over(state.Meetings.GetValueOrDefault(c.MeetingId ?? "")?.Decisions.Length ?? 0, DecisionsPerMeeting, "decisions in one meeting"),
            SubmitProposal => Over(state.Proposals.Count, Proposals, "proposals"),
            ScheduleMeeting => Over(state.Meetings.Count, Meetings, "meetings"),
            RecordEncounter or CloseMeeting => Over(state.Encounters.Count, Encounters, "encounters"),
            OfferHandover => Over(state.Handovers.Count, Handovers, "handovers"),
            RecordMilestone => Over(state.Milestones.Count, Milestones, "milestones"),
            RecordAgreement => Over(state.Agreements.Count, Agreements, "answers to the plan"),
            RecordReleaseException => Over(state.ReleaseExceptions.Count, ReleaseExceptions, "release exceptions"),
            AddSupportingOwner c => Over(state.NeedAreas.GetValueOrDefault(c.Code ?? "")?.SupportingOwnerIds.Length ?? 0, SupportingOwnersPerArea, "supporting owners of one area"),
            RecordConsent or ApproveHealthAccess when state.Members.GetValueOrDefault(ctx.Actor.UserId)?.Role != MemberRole.Person =>
                Over(state.PrivacyRequests.Count, WaitingPrivacyRequests, "requests waiting for the person's confirmation"),
            _ => null,
        };
    }

    private static DomainError? Over(int held, int cap, string what) =>
        held < cap ? null : Unprocessable("case.limit", $"A case holds at most {cap} {what}; this one is full.");
}
