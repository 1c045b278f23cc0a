namespace CaseGrid.Contracts.Meetings;

/// <summary>Why a guest who is not a member takes part in a meeting.</summary>
public enum GuestRole
{
    /// <summary>An interpreter (tolk).</summary>
    Interpreter,

    /// <summary>The person's lawyer (advokat, forsvarer).</summary>
    Lawyer,

    /// <summary>Family or another person close to the person (pårørende).</summary>
    Family,

    /// <summary>Anyone else the group lets in.</summary>
    Other,
}
