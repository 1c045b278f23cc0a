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

        var added = c.Scopes.Distinct().Where(scope => !s.Consent.Covers(scope)).Order().ToImmutableArray();
        if (added.IsEmpty && IsPerson(s, ctx.Actor.UserId) && s.Consent.RecordedById != ctx.Actor.UserId)
        {
            // The person confirms, in their own name, consent the coordinator recorded on their word.
            return new ConsentRecorded([.. c.Scopes.Distinct().Order()], c.Note);
        }

        return added.IsEmpty ? Decision.Accept() : new ConsentRecorded(added, c.Note);
    }

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

        // Approving again changes nothing, except that the person confirms in their own name an approval recorded on their word.
        return s.HealthApprovals.GetValueOrDefault(member.UserId) is { } held && (held.RecordedById == ctx.Actor.UserId || !IsPerson(s, ctx.Actor.UserId))
            ? Decision.Accept()
            : new HealthAccessApproved(member.UserId);
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
