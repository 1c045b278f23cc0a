namespace CaseGrid.Contracts.Time;

/// <summary>Which release date an alert is about.</summary>
public enum ReleaseDateKind
{
    /// <summary>The expected release the plan works towards.</summary>
    Expected,

    /// <summary>The earliest release on parole (the 2/3 date).</summary>
    Earliest,
}
