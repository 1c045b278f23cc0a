namespace CaseGrid.Contracts.Cases;

/// <summary>The person a case is about. Never a national identity number: a pseudonymous id and a display name.</summary>
/// <param name="PseudonymId">A stable pseudonymous id issued by the correctional service.</param>
/// <param name="DisplayName">The name the group uses.</param>
[GenerateSerializer, Immutable, Alias("casegrid.PersonRef")]
public sealed record PersonRef(string PseudonymId, string DisplayName);
