using System.Runtime.InteropServices;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

/// <summary>Ids and names read from case logs are held once; free text is read as it is; events read back as they were written.</summary>
public sealed class SharedStringsTests
{
    [Fact]
    public void TwoEventsNamingOneUser_HoldOneCopyOfTheId_AndTheirTextAsWritten()
    {
        var userId = $"u-{Guid.NewGuid():N}";
        var written = new NeedIdentified("housing", userId, "Jeg trenger et sted å bo", "Ingen bolig ved løslatelse");
        var json = CaseEventJson.Serialize(written);

        var first = Assert.IsType<NeedIdentified>(CaseEventJson.Deserialize(json));
        var second = Assert.IsType<NeedIdentified>(CaseEventJson.Deserialize(json));

        Assert.Equal(written, first);
        Assert.Equal(json, CaseEventJson.Serialize(first));
        Assert.Same(first.OwnerId, second.OwnerId);
        Assert.NotSame(first.Assessment, second.Assessment);
    }

    [Fact]
    public void TwoCasesNamingOneMember_HoldOneCopyOfTheirName_AndTheEventsReadBackAsWritten()
    {
        var name = $"Nora {Guid.NewGuid():N}"[..20];
        var written = new MemberAdded(new GroupMember($"u-{Guid.NewGuid():N}", name, MemberRole.NavAdvisor, Agency.Nav, "nav-bergen", new DateOnly(2026, 12, 8), null, null, 3));
        var json = CaseEventJson.Serialize(written);

        var first = Assert.IsType<MemberAdded>(CaseEventJson.Deserialize(json));
        var second = Assert.IsType<MemberAdded>(CaseEventJson.Deserialize(new string(json)));

        Assert.Equal(written, first);
        Assert.Equal(json, CaseEventJson.Serialize(second));
        Assert.Same(first.Member.DisplayName, second.Member.DisplayName);
    }

    [Fact]
    public void AMeasuresSingleNeedCode_IsOneArrayForEveryCase_AndLongerListsReadBackAsWritten()
    {
        var code = $"need-{Guid.NewGuid():N}"[..20];
        var one = new MeasureAdded("m-1", [code], "Søknad om bolig", null, "u-kari", null, null);
        var two = one with { NeedCodes = [code, "income"] };
        var none = one with { NeedCodes = [] };

        var first = Assert.IsType<MeasureAdded>(CaseEventJson.Deserialize(CaseEventJson.Serialize(one)));
        var second = Assert.IsType<MeasureAdded>(CaseEventJson.Deserialize(CaseEventJson.Serialize(one)));
        var longer = Assert.IsType<MeasureAdded>(CaseEventJson.Deserialize(CaseEventJson.Serialize(two)));
        var empty = Assert.IsType<MeasureAdded>(CaseEventJson.Deserialize(CaseEventJson.Serialize(none)));

        Assert.Equal<string>([code], first.NeedCodes);
        Assert.Same(ImmutableCollectionsMarshal.AsArray(first.NeedCodes), ImmutableCollectionsMarshal.AsArray(second.NeedCodes));
        Assert.Equal<string>([code, "income"], longer.NeedCodes);
        Assert.Same(first.NeedCodes[0], longer.NeedCodes[0]);
        Assert.Empty(empty.NeedCodes);
        Assert.False(empty.NeedCodes.IsDefault);
        Assert.Equal(CaseEventJson.Serialize(two), CaseEventJson.Serialize(longer));
        Assert.Throws<System.Text.Json.JsonException>(() => CaseEventJson.Deserialize(CaseEventJson.Serialize(one).Replace($"[\"{code}\"]", "[1]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Text_AndLongValues_AreLeftAlone()
    {
        var text = new string('a', SharedStrings.MaxLength + 1);
        Assert.NotSame(SharedStrings.Share(new string(text)), SharedStrings.Share(new string(text)));
        Assert.NotSame(SharedStrings.Share(new string("to ord")), SharedStrings.Share(new string("to ord")));
        Assert.Null(SharedStrings.Share(null));
    }
}
