using CaseGrid.Contracts.Cases;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

/// <summary>Ids read from case logs are held once; free text is read as it is; events read back as they were written.</summary>
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
    public void Text_AndLongValues_AreLeftAlone()
    {
        var text = new string('a', SharedStrings.MaxLength + 1);
        Assert.NotSame(SharedStrings.Share(new string(text)), SharedStrings.Share(new string(text)));
        Assert.NotSame(SharedStrings.Share(new string("to ord")), SharedStrings.Share(new string("to ord")));
        Assert.Null(SharedStrings.Share(null));
    }
}
