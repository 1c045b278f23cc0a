namespace CaseGrid.Contracts.Work;

/// <summary>A case in which a user is an active member of the ansvarsgruppe.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PersonName">The person the case is about.</param>
/// <param name="Role">The user's role in the group (<c>Person</c> for the person themselves).</param>
/// <param name="CurrentUnitId">The unit holding the case.</param>
[GenerateSerializer, Immutable, Alias("casegrid.MemberCase")]
public sealed record MemberCase(string CaseId, string PersonName, Groups.MemberRole Role, string CurrentUnitId);
