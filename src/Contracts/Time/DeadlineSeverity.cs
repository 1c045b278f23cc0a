namespace CaseGrid.Contracts.Time;

/// <summary>How binding a deadline is, in the words of the sources (domain §5).</summary>
public enum DeadlineSeverity
{
    /// <summary><i>Skal</i>: a hard rule; a missed deadline is escalated to the responsible unit's leader.</summary>
    Must,

    /// <summary><i>Bør</i>: a recommendation; a missed deadline is a warning, not escalated.</summary>
    Should,
}
