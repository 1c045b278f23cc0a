using CaseGrid.Contracts.Work;
using CaseGrid.Grains.Work;

namespace CaseGrid.Grains.Tests;

/// <summary>A user's items kept source by source: each once, counted per source, arriving once.</summary>
public sealed class WorkIndexTests
{
    private static WorkItem Item(string id, DateOnly? due = null, bool overdue = false) =>
        new(id, WorkItemKind.HandoverOffered, "case-1", "Ola Nordmann", "housing", "Bolig", due, overdue, DateTimeOffset.UnixEpoch, null, null, "h-1", "handover.answer", null);

    [Fact]
    public void AnItemFromTwoSources_IsThereOnce_AndStaysUntilBothLetGo()
    {
        var index = new WorkIndex();
        var arrived = new List<WorkItem>();

        Assert.True(index.Replace([], [Item("a")], arrived));
        Assert.False(index.Replace([], [Item("a")], arrived));
        Assert.Single(arrived);
        Assert.Single(index.Sorted);

        Assert.False(index.Replace([Item("a")], [], arrived));
        Assert.True(index.Contains("a"));
        Assert.True(index.Replace([Item("a")], [], arrived));
        Assert.Empty(index.Sorted);
    }

    [Fact]
    public void AChangedItem_ReplacesItsOldSelf_WithoutArrivingAgain_AndTheListIsInOrder()
    {
        var index = new WorkIndex();
        var arrived = new List<WorkItem>();
        index.Replace([], [Item("late", new DateOnly(2027, 1, 9)), Item("soon", new DateOnly(2027, 1, 2))], arrived);

        Assert.True(index.Replace([Item("late", new DateOnly(2027, 1, 9))], [Item("late", new DateOnly(2027, 1, 1), overdue: true)], arrived));

        Assert.Equal(2, arrived.Count);
        Assert.Equal(["late", "soon"], index.Sorted.Select(i => i.ItemId));
        Assert.True(index.Sorted[0].Overdue);
    }
}
