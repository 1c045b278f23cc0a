namespace CaseGrid.Domain.Work;

/// <summary>How far ahead work lists look, and how long a proposal may wait for its answer.</summary>
/// <param name="DueWindowDays">A deadline shows in its owner's list from this many days before it is due.</param>
/// <param name="ProposalAnswerWorkingDays">A proposal is to be answered within this many working days of being made.</param>
public sealed record WorkSettings(int DueWindowDays = 7, int ProposalAnswerWorkingDays = 5)
{
    /// <summary>A week's window, and a working week to answer a proposal.</summary>
    public static WorkSettings Default { get; } = new();
}
