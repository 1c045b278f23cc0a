namespace CaseGrid.Contracts.Common;

/// <summary>
/// Who is acting: the authenticated user, and the partner system acting for them when there is one.
/// The API fills this from the verified token; grains decide what the actor may do from domain state.
/// </summary>
/// <param name="UserId">The user's stable id (the token's subject).</param>
/// <param name="DisplayName">The user's name as shown to group members.</param>
/// <param name="ClientId">The calling system (OAuth client id), when not the CaseGrid web app.</param>
[GenerateSerializer, Immutable, Alias("casegrid.ActorRef")]
public sealed record ActorRef(string UserId, string DisplayName, string? ClientId = null);
