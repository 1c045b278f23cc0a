namespace CaseGrid.Contracts.Directory;

/// <summary>A person added to a case, as the development sign-in offers them.</summary>
/// <param name="UserId">Their user id.</param>
/// <param name="MemberName">Their name as a member.</param>
/// <param name="CaseId">The case.</param>
/// <param name="PersonName">The person's name as the case was opened.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DevPerson")]
public sealed record DevPerson(string UserId, string MemberName, string CaseId, string PersonName);
