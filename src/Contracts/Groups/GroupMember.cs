namespace CaseGrid.Contracts.Groups;

/// <summary>A member of the ansvarsgruppe. Membership runs from <see cref="From"/> until (not including) <see cref="Until"/>.</summary>
/// <param name="UserId">The member's user id.</param>
/// <param name="DisplayName">The member's name.</param>
/// <param name="Role">The member's part in the group.</param>
/// <param name="Agency">The agency the member acts for.</param>
/// <param name="UnitId">The member's unit (prison, office, municipality), when they belong to one.</param>
/// <param name="From">First day of membership.</param>
/// <param name="Until">First day the member is no longer a member; null while open-ended.</param>
/// <param name="DeputyUserId">The member's deputy (reservekontaktperson), a member too.</param>
/// <param name="Version">Case version of the last change to this member.</param>
[GenerateSerializer, Immutable, Alias("casegrid.GroupMember")]
public sealed record GroupMember(
    string UserId,
    string DisplayName,
    MemberRole Role,
    Agency Agency,
    string? UnitId,
    DateOnly From,
    DateOnly? Until,
    string? DeputyUserId,
    long Version)
{
    /// <summary>True when the member belongs to the group on <paramref name="day"/>.</summary>
    public bool IsActiveOn(DateOnly day) => From <= day && (Until is null || day < Until);
}
