using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Privacy;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// The person's consent and their approvals of who sees health details (domain §9). What the person records takes effect
// at once. What the coordinator records on the person's word waits, in the case where the person sees it, for the
// person's own confirmation or a second member's (neither the one who recorded it nor the one it approves). Nobody
// approves themselves. A withdrawal may be recorded by any member the person tells, because it must take effect at once,
// and it drops what waits for the same scopes or member, so no confirmation can bring back what the person withdrew.
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
        if (IsPerson(s, ctx.Actor.UserId))
        {
            return added.IsEmpty ? Decision.Accept() : new ConsentRecorded(added, c.Note, c.Until);
        }

        // On the person's word: it waits for them. Asking again for what already waits (with the same end) changes nothing.
        var waiting = s.PrivacyRequests.Values.Where(r => r.Kind == PrivacyRequestKind.Consent && r.Until == c.Until).SelectMany(r => r.Scopes).ToHashSet();
        var asked = added.Where(scope => !waiting.Contains(scope)).ToImmutableArray();
        return asked.IsEmpty ? Decision.Accept() : new ConsentRequested(ctx.NewId("privacy"), asked, c.Note, c.Until);
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

        var scopes = c.Scopes.IsDefaultOrEmpty ? [.. Enum.GetValues<ConsentScope>()] : c.Scopes.Distinct().ToImmutableArray();
        var withdrawn = scopes.Where(s.Consent.Covers).Order().ToImmutableArray();
        var dropped = s.PrivacyRequests.Values
            .Where(r => r.Kind == PrivacyRequestKind.Consent && r.Scopes.Any(scopes.Contains))
            .OrderBy(r => r.Version)
            .Select(r => (CaseEvent)new PrivacyRequestRejected(r.RequestId, null));
        return Decision.Accept(withdrawn.IsEmpty ? dropped : [new ConsentWithdrawn(withdrawn, c.Note), .. dropped]);
    }

    private static Decision Approve(CaseState s, ApproveHealthAccess c, CommandContext ctx)
    {
        if (Id(c.UserId, "userId") is { } invalid)
        {
            return invalid;
        }

        if (c.UserId == ctx.Actor.UserId && !IsPerson(s, ctx.Actor.UserId))
        {
            return Forbidden("health-access.self", "Nobody approves themselves to see health details; the person decides who does.");
        }

        if (!IsPersonOrCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("health-access.not-person", "Only the person, or the coordinator on the person's word, approves who sees health details.");
        }

        if (ApprovableMember(s, c.UserId, ctx) is { } refused)
        {
            return refused;
        }

        if (s.HealthApprovals.ContainsKey(c.UserId))
        {
            return Decision.Accept();
        }

        if (IsPerson(s, ctx.Actor.UserId))
        {
            return new HealthAccessApproved(c.UserId);
        }

        // On the person's word: it waits for them.
        return s.PrivacyRequests.Values.Any(r => r.Kind == PrivacyRequestKind.HealthAccess && r.UserId == c.UserId)
            ? Decision.Accept()
            : new HealthAccessRequested(ctx.NewId("privacy"), c.UserId);
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

        var dropped = s.PrivacyRequests.Values
            .Where(r => r.Kind == PrivacyRequestKind.HealthAccess && r.UserId == c.UserId)
            .OrderBy(r => r.Version)
            .Select(r => (CaseEvent)new PrivacyRequestRejected(r.RequestId, null));
        return Decision.Accept(s.HealthApprovals.ContainsKey(c.UserId) ? [new HealthAccessRevoked(c.UserId), .. dropped] : dropped);
    }

    private static Decision Confirm(CaseState s, ConfirmPrivacyRequest c, CommandContext ctx)
    {
        if (Id(c.RequestId, "requestId") is { } invalid)
        {
            return invalid;
        }

        if (s.PrivacyRequests.GetValueOrDefault(c.RequestId) is not { } request)
        {
            return NotFound("privacy-request.not-found", "Nothing with that id waits for confirmation.");
        }

        var actor = ctx.Actor.UserId;
        if (!IsPerson(s, actor))
        {
            if (request.UserId == actor)
            {
                return Forbidden("health-access.self", "Nobody approves themselves to see health details; the person decides who does.");
            }

            if (request.RecordedById == actor)
            {
                return Forbidden("privacy-request.own", "What you recorded on the person's word is confirmed by the person, or by another member.");
            }
        }

        if (request.Kind == PrivacyRequestKind.Consent)
        {
            // Consent asked for until a day that has passed by the time it is confirmed has ended already: nothing takes effect.
            var added = request.Until < ctx.Today
                ? []
                : request.Scopes.Where(scope => !s.Consent.Covers(scope, ctx.Today) || EndOf(s.Consent, scope) != request.Until).Order().ToImmutableArray();
            return added.IsEmpty
                ? new PrivacyRequestConfirmed(request.RequestId)
                : Decision.Accept(new PrivacyRequestConfirmed(request.RequestId), new ConsentRecorded(added, request.Note, request.Until));
        }

        if (ApprovableMember(s, request.UserId, ctx) is { } refused)
        {
            return refused;
        }

        return s.HealthApprovals.ContainsKey(request.UserId!)
            ? new PrivacyRequestConfirmed(request.RequestId)
            : Decision.Accept(new PrivacyRequestConfirmed(request.RequestId), new HealthAccessApproved(request.UserId!));
    }

    private static Decision Reject(CaseState s, RejectPrivacyRequest c, CommandContext ctx)
    {
        var invalid = First(Id(c.RequestId, "requestId"), Text(c.Note, "note", MaxName));
        if (invalid is not null)
        {
            return invalid;
        }

        if (s.PrivacyRequests.GetValueOrDefault(c.RequestId) is not { } request)
        {
            return NotFound("privacy-request.not-found", "Nothing with that id waits for confirmation.");
        }

        return IsPerson(s, ctx.Actor.UserId) || request.RecordedById == ctx.Actor.UserId
            ? new PrivacyRequestRejected(request.RequestId, c.Note)
            : Forbidden("privacy-request.not-person", "The person rejects what was recorded on their word; who recorded it may take it back.");
    }

    /// <summary>Null when <paramref name="userId"/> is a current member whose access a health-details approval would widen.</summary>
    private static Contracts.Common.DomainError? ApprovableMember(CaseState s, string? userId, CommandContext ctx)
    {
        var member = ActiveMember(s, userId, ctx.Today);
        if (member is null || member.Until is not null)
        {
            return Unprocessable("health-access.not-member", $"'{userId}' is not a current member of the ansvarsgruppe.");
        }

        return member.Role == MemberRole.Person || member.Agency == Agency.Health
            ? Conflict("health-access.already", $"'{userId}' sees the health details already.")
            : null;
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

    private static bool IsPersonOrCoordinator(CaseState s, string userId) => IsPerson(s, userId) || IsCoordinator(s, userId);

    private static Contracts.Common.DomainError? Scopes(ImmutableArray<ConsentScope> scopes, bool required) =>
        required && scopes.IsDefaultOrEmpty ? BadRequest("consent.scopes-required", "Name at least one scope.")
        : !scopes.IsDefault && scopes.Any(scope => !Enum.IsDefined(scope)) ? BadRequest("consent.scope-invalid", "Unknown consent scope.")
        : null;
}
