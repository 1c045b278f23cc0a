using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

public sealed class MilestoneTests
{
    [Fact]
    public void AnAgencyMember_RecordsAMilestone_ThatHappened()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.AdvanceTo(D("2026-03-04"));

        var events = scenario.Accepts(Cast.Caseworker, new RecordMilestone(MilestoneKind.MunicipalityContacted, D("2026-03-03"), "Telefon fra fengselet"));

        Assert.Equal(new MilestoneRecorded(MilestoneKind.MunicipalityContacted, D("2026-03-03"), "Telefon fra fengselet"), Assert.Single(events));
        Assert.Equal(
            new Milestone(MilestoneKind.MunicipalityContacted, D("2026-03-03"), "Telefon fra fengselet", Cast.Caseworker, scenario.Now),
            Assert.Single(scenario.Case.Milestones));
    }

    [Fact]
    public void AMilestone_IsNotRecordedAhead_NorByThePerson_NorByStrangers()
    {
        var scenario = Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.ReleaseMeeting, scenario.Today.AddDays(1), null), ErrorKind.Unprocessable, "milestone.in-future");
        scenario.Refuses(Cast.Person, new RecordMilestone(MilestoneKind.NeedsConversation1, scenario.Today, null), ErrorKind.Forbidden, "milestone.person");
        scenario.Refuses(Cast.Caseworker, new RecordMilestone(MilestoneKind.NeedsConversation1, scenario.Today, null), ErrorKind.Forbidden, "case.not-member");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordMilestone((MilestoneKind)99, scenario.Today, null), ErrorKind.BadRequest, "milestone.kind-invalid");
    }

    [Fact]
    public void AMilestone_WithoutItsDay_IsRefused_NotRecordedInYearOne()
    {
        var scenario = Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.IntakeConversation, default, null), ErrorKind.BadRequest, "milestone.date-required");
        Assert.Empty(scenario.Case.Milestones);
    }
}
