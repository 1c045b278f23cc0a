namespace CaseGrid.Contracts.Plan;

/// <summary>Status of a proposal (innspill).</summary>
public enum ProposalStatus
{
    /// <summary>Waiting for an answer.</summary>
    Open,

    /// <summary>Adopted: it became a measure.</summary>
    Adopted,

    /// <summary>Answered without adopting it, with a reason.</summary>
    Rejected,
}
