using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Units;
using CaseGrid.Grains.Units;

namespace CaseGrid.Grains.Tests;

/// <summary>A unit's board takes a case's line only when it is news.</summary>
public sealed class UnitBoardTests
{
    private static readonly UnitCaseEntry Line = new("case-board-1", "Kari Nordmann", CasePhase.Serving, UnitCaseRelation.Current, null, 0, 3);

    [Fact]
    public void ALineToldAgain_IsNoNews_AndAChangedOrNewerLine_Is()
    {
        var board = new UnitGrainState();

        var first = board.Take(new UnitCaseUpdate(Line.CaseId, 3, Line));
        var again = board.Take(new UnitCaseUpdate(Line.CaseId, 3, Line with { }));
        var changed = board.Take(new UnitCaseUpdate(Line.CaseId, 3, Line with { HandoversAwaitingUnit = 1 }));
        var newer = board.Take(new UnitCaseUpdate(Line.CaseId, 4, Line with { HandoversAwaitingUnit = 1, CaseVersion = 4 }));
        var older = board.Take(new UnitCaseUpdate(Line.CaseId, 3, Line));

        Assert.Equal([true, false, true, true, false], [first, again, changed, newer, older]);
        Assert.Equal(4, board.Cases[Line.CaseId].CaseVersion);
    }

    [Fact]
    public void ALineGone_IsNewsOnce_AndAGoneLineToldAgain_IsNot()
    {
        var board = new UnitGrainState();
        board.Take(new UnitCaseUpdate(Line.CaseId, 3, Line));

        var gone = board.Take(new UnitCaseUpdate(Line.CaseId, 5, null));
        var goneAgain = board.Take(new UnitCaseUpdate(Line.CaseId, 5, null));
        var neverSeen = board.Take(new UnitCaseUpdate("case-board-2", 0, null));

        Assert.Equal([true, false, true], [gone, goneAgain, neverSeen]);
        Assert.False(board.Cases.ContainsKey(Line.CaseId));
    }
}
