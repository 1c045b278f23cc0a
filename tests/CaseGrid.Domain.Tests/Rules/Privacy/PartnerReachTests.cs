using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Privacy;

/// <summary>
/// The partner index's entry for a case names exactly the units the case concerns (as the read check decides them) and
/// the partner-systems consent; the grain widens it before a change and narrows it after, so it never says less.
/// </summary>
public sealed class PartnerReachTests
{
    [Fact]
    public void TheReach_NamesExactlyTheUnitsTheReadCheckCallsInvolved_AndTheConsent()
    {
        var s = ConsentTests.WithGroup();
        s.Identify("housing", Cast.Kontaktbetjent);
        s.Accepts(Cast.Kontaktbetjent, new OfferHandover("housing", Cast.OsloMunicipality, null, s.Today.AddDays(7), null));
        s.Accepts(Cast.Person, new RecordConsent([ConsentScope.PartnerSystems], null));

        var reach = PartnerReach.Of(s.Case);

        Assert.True(reach.Consent);
        Assert.Equal(
            new[] { Cast.Prison, Cast.Municipality, Cast.Nav, Cast.OsloMunicipality, Cast.Friomsorg, Cast.UnknownUnit }.Where(u => CaseAccess.Involves(s.Case, u)).Order(StringComparer.Ordinal),
            reach.Units);
        Assert.Contains(Cast.OsloMunicipality, reach.Units);
        Assert.DoesNotContain(Cast.Friomsorg, reach.Units);
    }

    [Fact]
    public void Within_AndUnion_DecideWhenTheIndexMustBeWidenedFirst()
    {
        PartnerReach narrow = new([Cast.Prison], false);
        PartnerReach wide = new([Cast.Municipality, Cast.Prison], true);

        Assert.True(narrow.Within(wide));
        Assert.False(wide.Within(narrow));
        Assert.False(new PartnerReach([Cast.Prison], true).Within(narrow));
        Assert.Equal(wide, narrow.Union(new PartnerReach([Cast.Municipality], true)));
    }
}
