using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Privacy;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// The person's consent and their approvals of who sees health details (domain §9). The person records these
// themselves, or the coordinator records them on the person's word; a withdrawal may be recorded by any agency
// member the person tells, because it must take effect at once.
public static partial class CaseDecider
{
    private static Decision GiveConsent(CaseState s, RecordConsent c, CommandContext ctx)
    {
        var invalid = First(Scopes(c.Scopes, required: true), Text(c.Note, "note", MaxName));
        if (invalid is not null)
        {
            return invalid;
        }

        if (!IsPersonOrCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("consent.not-person", "Consent is recorded by the person, or by the coordinator on the person's word.");
        }

        if (c.Until is { } until && until < ctx.Today)
        {
            return Unprocessable("consent.until-past", "A consent's end date cannot be in the past.");
        }

        // A scope already in force with the same end changes nothing; the same scope with another end (or none) is given anew.
        var added = c.Scopes.Distinct().Where(scope => !s.Consent.Covers(scope, ctx.Today) || EndOf(s.Consent, scope) != c.Until).Order().ToImmutableArray();
        return added.IsEmpty ? Decision.Accept() : new ConsentRecorded(added, c.Note, c.Until);
    }

    /// <summary>
    /// Whom the person shares with (domain §9: some agencies and not others). Naming an agency more is like a withdrawal:
    /// it takes effect at once, and any active member the person tells records it. Sharing with an agency again widens what
    /// the person agreed to, so the person does it themselves. The correctional service holds the case on its own legal
    /// basis and the person is not an agency, so neither is named.
    /// </summary>
    private static Decision Limit(CaseState s, LimitSharing c, CommandContext ctx)
    {
        var invalid = First(
            c.NotSharedWith.IsDefault ? BadRequest("consent.agencies-required", "Name the agencies the person does not share with, or an empty list for none.") : null,
            !c.NotSharedWith.IsDefault && c.NotSharedWith.Any(a => !Enum.IsDefined(a)) ? BadRequest("consent.agency-invalid", "Unknown agency.") : null,
            Text(c.Note, "note", MaxName));
        if (invalid is not null)
        {
            return invalid;
        }

        if (c.NotSharedWith.Any(a => a is Agency.Person or Agency.Prison or Agency.Friomsorg))
        {
            return Unprocessable("consent.agency-correctional", "The correctional service holds the case on its own legal basis; the person limits sharing with the other agencies.");
        }

        if (ActiveMember(s, ctx.Actor.UserId, ctx.Today) is null)
        {
            return Forbidden("case.not-member", "Only active members of the case's ansvarsgruppe change it.");
        }

        var before = s.Consent.NotSharedWith.IsDefault ? [] : s.Consent.NotSharedWith;
        var after = c.NotSharedWith.Distinct().Order().ToImmutableArray();
        if (before.Any(a => !after.Contains(a)) && !IsPerson(s, ctx.Actor.UserId))
        {
            return Forbidden("consent.widen-not-person", "Only the person decides to share with an agency again.");
        }

        return before.SequenceEqual(after) ? Decision.Accept() : new SharingLimited(after, c.Note);
    }

    /// <summary>
    /// A request to another agency for information about the person: only under the consent to obtain information
    /// (000:1645-1648), a consent of its own apart from sharing, in force on the day. The person does not ask about themselves.
    /// </summary>
    private static Decision AskForInformation(CaseState s, RequestInformation c, CommandContext ctx)
    {
        var invalid = First(
            !Enum.IsDefined(c.From) || c.From == Agency.Person ? BadRequest("information.agency-invalid", "Name the agency asked.") : null,
            Text(c.What, "what", MaxName, required: true));
        if (invalid is not null)
        {
            return invalid;
        }

        var member = ActiveMember(s, ctx.Actor.UserId, ctx.Today);
        if (member is null || member.Role == MemberRole.Person)
        {
            return Forbidden("information.not-member", "Only the agencies' members of the ansvarsgruppe ask other agencies for information.");
        }

        return s.Consent.Covers(ConsentScope.ObtainInformation, ctx.Today)
            ? new InformationRequested(c.From, c.What.Trim())
            : Forbidden("consent.obtain-information", "The person has not consented to information being obtained from other agencies, or that consent has ended.");
    }

    /// <summary>The consent scopes whose end date has passed by <paramref name="today"/>, grouped by that date, for the time evaluation.</summary>
    internal static IEnumerable<ConsentExpired> ConsentEnded(CaseState s, DateOnly today) =>
        (s.Consent.Ends ?? ImmutableSortedDictionary<ConsentScope, DateOnly>.Empty)
            .Where(e => e.Value < today && s.Consent.Covers(e.Key))
            .GroupBy(e => e.Value)
            .OrderBy(g => g.Key)
            .Select(g => new ConsentExpired([.. g.Select(e => e.Key).Order()], g.Key));

    private static DateOnly? EndOf(Consent consent, ConsentScope scope) =>
        consent.Ends is not null && consent.Ends.TryGetValue(scope, out var end) ? end : null;

    private static Decision WithdrawConsentOf(CaseState s, WithdrawConsent c, CommandContext ctx)
    {
        var invalid = First(
            c.Scopes.IsDefault ? BadRequest("consent.scopes-required", "Name the scopes withdrawn, or an empty list for all of them.") : null,
            Scopes(c.Scopes, required: false),
            Text(c.Note, "note", MaxName));
        if (invalid is not null)
        {
            return invalid;
        }

        var withdrawn = (c.Scopes.IsDefaultOrEmpty ? s.Consent.Scopes : c.Scopes.Distinct()).Where(s.Consent.Covers).Order().ToImmutableArray();
        return withdrawn.IsEmpty ? Decision.Accept() : new ConsentWithdrawn(withdrawn, c.Note);
    }

    private static Decision Approve(CaseState s, ApproveHealthAccess c, CommandContext ctx)
    {
        if (Id(c.UserId, "userId") is { } invalid)
        {
            return invalid;
        }

        if (!IsPersonOrCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("health-access.not-person", "Only the person, or the coordinator on the person's word, approves who sees health details.");
        }

        var member = ActiveMember(s, c.UserId, ctx.Today);
        if (member is null || member.Until is not null)
        {
            return Unprocessable("health-access.not-member", $"'{c.UserId}' is not a current member of the ansvarsgruppe.");
        }

        if (member.Role == MemberRole.Person || member.Agency == Agency.Health)
        {
            return Conflict("health-access.already", $"'{c.UserId}' sees the health details already.");
        }

        return s.HealthApprovals.ContainsKey(member.UserId) ? Decision.Accept() : new HealthAccessApproved(member.UserId);
    }

    private static Decision Revoke(CaseState s, RevokeHealthAccess c, CommandContext ctx)
    {
        if (Id(c.UserId, "userId") is { } invalid)
        {
            return invalid;
        }

        if (c.UserId != ctx.Actor.UserId && !IsPersonOrCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("health-access.not-person", "The approval is ended by the person, the coordinator on the person's word, or the member themselves.");
        }

        return s.HealthApprovals.ContainsKey(c.UserId ?? "") ? new HealthAccessRevoked(c.UserId!) : Decision.Accept();
    }

    /// <summary>
    /// An edit that replaces health details the actor cannot see (a health area's assessment, say, for a member without
    /// health access) is refused: they would overwrite what they were never shown. The area's owners are responsible for
    /// it and may always edit it.
    /// </summary>
    private static Contracts.Common.DomainError? OverwritesWithheld(CaseState s, CaseCommand command, CommandContext ctx, NeedAreaCatalogue catalogue)
    {
        IEnumerable<string> codes = command switch
        {
            UpdateNeedArea c => [c.Code ?? ""],
            UpdateGoal c => [s.Goals.GetValueOrDefault(c.GoalId ?? "")?.NeedCode ?? ""],
            UpdateMeasure c => s.Measures.GetValueOrDefault(c.MeasureId ?? "") is { } m ? m.NeedCodes : [],
            _ => [],
        };
        var access = Privacy.CaseAccess.DetailsFor(s, ctx.Actor, ctx.Today);
        var redactor = new Privacy.CaseRedactor(catalogue);
        return codes.Any(code => code.Length > 0 && catalogue.Find(code)?.HealthSensitive == true && redactor.IsWithheld(code, access)
                && s.NeedAreas.GetValueOrDefault(code) is { } area && area.AccountableOwnerId != ctx.Actor.UserId && !area.SupportingOwnerIds.Contains(ctx.Actor.UserId))
            ? Forbidden("details.withheld", "The details of this area are withheld from you, so you cannot edit them.")
            : null;
    }

    private static bool IsPersonOrCoordinator(CaseState s, string userId) =>
        s.Members.GetValueOrDefault(userId)?.Role == MemberRole.Person || IsCoordinator(s, userId);

    private static Contracts.Common.DomainError? Scopes(ImmutableArray<ConsentScope> scopes, bool required) =>
        required && scopes.IsDefaultOrEmpty ? BadRequest("consent.scopes-required", "Name at least one scope.")
        : !scopes.IsDefault && scopes.Any(scope => !Enum.IsDefined(scope)) ? BadRequest("consent.scope-invalid", "Unknown consent scope.")
        : null;
}
