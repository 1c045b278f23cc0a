using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Plan;

namespace CaseGrid.Api.Endpoints;

/// <summary>The plan: need areas, goals, measures, proposals and the person's agreement.</summary>
public static class PlanEndpoints
{
    /// <summary>Map the plan routes under <c>/api/v1/cases/{caseId}</c>.</summary>
    public static RouteGroupBuilder MapPlan(this IEndpointRouteBuilder app)
    {
        var plan = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Plan").RequireAuthorization();

        plan.MapCommand<IdentifyNeedRequest>("POST", "/needs/{code}/identify", (b, r) => new IdentifyNeed(r.Route("code"), b.OwnerId, b.OwnWords, b.Assessment))
            .WithSummary("Identify a need and name its one accountable owner.");
        plan.MapCommand<UpdateNeedRequest>("PUT", "/needs/{code}", (b, r) => new UpdateNeedArea(r.Route("code"), b.ExpectedVersion, b.OwnWords, b.Assessment, b.Status))
            .WithSummary("Edit a need area (the person's own words, assessment, status) against its version.");
        plan.MapCommand<UserRequest>("POST", "/needs/{code}/supporters", (b, r) => new AddSupportingOwner(r.Route("code"), b.UserId))
            .WithSummary("Add a supporting owner.");
        plan.MapMethods("/needs/{code}/supporters/{userId}", ["DELETE"], (string caseId, string code, string userId, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http, caseId, new RemoveSupportingOwner(code, userId)))
            .WithSummary("Remove a supporting owner.");

        plan.MapCommand<AddGoal>("POST", "/goals", (b, _) => b).WithSummary("Add a goal to a need area.");
        plan.MapCommand<UpdateGoalRequest>("PUT", "/goals/{goalId}", (b, r) => new UpdateGoal(r.Route("goalId"), b.ExpectedVersion, b.Text, b.Achieved))
            .WithSummary("Edit a goal against its version.");

        plan.MapCommand<AddMeasure>("POST", "/measures", (b, _) => b).WithSummary("Add a measure answering one or more needs.");
        plan.MapCommand<UpdateMeasureRequest>("PUT", "/measures/{measureId}", (b, r) => new UpdateMeasure(
                r.Route("measureId"), b.ExpectedVersion, b.NeedCodes, b.What, b.Why, b.OwnerId, b.Due, b.Requirements))
            .WithSummary("Edit a measure against its version.");
        plan.MapCommand<MeasureStatusRequest>("POST", "/measures/{measureId}/status", (b, r) => new ChangeMeasureStatus(r.Route("measureId"), b.ExpectedVersion, b.Status, b.Note))
            .WithSummary("Move a measure along its lifecycle.");

        plan.MapCommand<ApplicationStepRequest>("POST", "/measures/{measureId}/application", (b, r) => new RecordApplicationStep(r.Route("measureId"), b.Step, b.Date, b.Kind, b.Partner, b.Note))
            .WithSummary("Record a step of a measure that is an application to a partner: planned (with its kind), applied, granted or refused, appealed, decided on appeal — each with its date.");
        plan.MapCommand<SubmitProposal>("POST", "/proposals", (b, _) => b).WithSummary("Make a proposal (innspill); every member sees it, and it gets a date to be answered by.");
        plan.MapCommand<AnswerProposalRequest>("POST", "/proposals/{proposalId}/answer", (b, r) => new AnswerProposal(r.Route("proposalId"), b.Adopt, b.Answer, b.MeasureOwnerId, b.Due))
            .WithSummary("Answer a proposal; adopting makes it a measure.");
        plan.MapCommand<RecordAgreement>("POST", "/agreements", (b, _) => b).WithSummary("Record the person's agreement with a plan version.");
        return plan;
    }
}

/// <summary>Identify a need.</summary>
public sealed record IdentifyNeedRequest(string OwnerId, string? OwnWords, string? Assessment);

/// <summary>Edit a need area against <see cref="ExpectedVersion"/>.</summary>
public sealed record UpdateNeedRequest(long ExpectedVersion, string? OwnWords, string? Assessment, NeedStatus Status);

/// <summary>Names a user.</summary>
public sealed record UserRequest(string UserId);

/// <summary>Edit a goal against <see cref="ExpectedVersion"/>.</summary>
public sealed record UpdateGoalRequest(long ExpectedVersion, string Text, bool Achieved);

/// <summary>Edit a measure against <see cref="ExpectedVersion"/>.</summary>
public sealed record UpdateMeasureRequest(
    long ExpectedVersion, ImmutableArray<string> NeedCodes, string What, string? Why, string OwnerId, DateOnly? Due, string? Requirements);

/// <summary>Move a measure to <see cref="Status"/>.</summary>
public sealed record MeasureStatusRequest(long ExpectedVersion, MeasureStatus Status, string? Note);

/// <summary>Answer a proposal.</summary>
public sealed record AnswerProposalRequest(bool Adopt, string Answer, string? MeasureOwnerId, DateOnly? Due);

/// <summary>A step of an application to a partner.</summary>
/// <param name="Step">Planned, Applied, Granted, Refused, Appealed, AppealGranted or AppealRefused.</param>
/// <param name="Date">The day it happened; none for Planned.</param>
/// <param name="Kind">What is applied for; required the first time.</param>
/// <param name="Partner">To whom.</param>
/// <param name="Note">A note, e.g. the case number.</param>
public sealed record ApplicationStepRequest(ApplicationStep Step, DateOnly? Date, ApplicationKind? Kind, string? Partner, string? Note);
