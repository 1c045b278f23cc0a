namespace CaseGrid.Contracts.Plan;

/// <summary>The person's answer to a version of their plan.</summary>
public enum AgreementAnswer
{
    /// <summary>The person agrees with the plan.</summary>
    Agree,

    /// <summary>The person disagrees.</summary>
    Disagree,

    /// <summary>The person could not answer.</summary>
    CouldNotAnswer,
}
