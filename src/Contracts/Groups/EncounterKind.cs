namespace CaseGrid.Contracts.Groups;

/// <summary>What kind of encounter was recorded.</summary>
public enum EncounterKind
{
    /// <summary>A meeting of the ansvarsgruppe.</summary>
    GroupMeeting,

    /// <summary>A contact between a member and the person.</summary>
    ContactWithPerson,
}
