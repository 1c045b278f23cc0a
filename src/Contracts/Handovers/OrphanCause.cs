namespace CaseGrid.Contracts.Handovers;

/// <summary>Why an accountable owner can no longer act on a responsibility (domain §6, orphan detection).</summary>
public enum OrphanCause
{
    /// <summary>The owner no longer works at the unit they are a member for: their unit removed them from its staff.</summary>
    StaffRemoved,

    /// <summary>The case moved away from the owner's unit (a transfer): the person has left that unit.</summary>
    CaseMovedAway,

    /// <summary>The person has left prison and the owner is prison staff: the prison no longer holds the person.</summary>
    PersonLeftPrison,
}
