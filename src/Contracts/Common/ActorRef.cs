using CaseGrid.Contracts.Groups;

namespace CaseGrid.Contracts.Common;

/// <summary>
/// Who is acting: the authenticated user, and the partner system acting for them when there is one; or a partner
/// system on its own (client credentials), acting for its agency and unit. The API fills this from the verified
/// token; grains decide what the actor may do from domain state.
/// </summary>
/// <param name="UserId">The user's stable id (the token's subject); <c>system:{client}</c> for a partner system on its own.</param>
/// <param name="DisplayName">The user's name as shown to group members, or the system's name.</param>
/// <param name="ClientId">The calling system (OAuth client id), when not the CaseGrid web app.</param>
/// <param name="SystemAgency">For a partner system on its own: the agency it acts for. Null for users.</param>
/// <param name="SystemUnitId">For a partner system on its own: the unit it acts for.</param>
/// <param name="SecurityFunction">
/// The user works in a security function (e.g. a prison's security department): care data never reaches them, whatever
/// else they may see (domain §9).
/// </param>
[GenerateSerializer, Immutable, Alias("casegrid.ActorRef")]
public sealed record ActorRef(
    string UserId, string DisplayName, string? ClientId = null, Agency? SystemAgency = null, string? SystemUnitId = null, bool SecurityFunction = false)
{
    /// <summary>The prefix of a partner system's own actor id.</summary>
    public const string SystemPrefix = "system:";

    /// <summary>True for a partner system acting on its own, with no user behind it.</summary>
    public bool IsSystem => SystemAgency is not null;
}
