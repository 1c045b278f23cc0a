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
/// else they may see (domain §9). Set too where the user's roles are not known (a partner system acting for them), so
/// absent role information never widens access.
/// </param>
/// <param name="ActingSystemUnitId">
/// When a partner system acts for this user (<c>CaseGrid-Acting-For</c>): the unit the system acts for. The case must
/// concern that unit and the person must have consented to sharing with partner systems, as for the system on its own.
/// </param>
[GenerateSerializer, Immutable, Alias("casegrid.ActorRef")]
public sealed record ActorRef(
    string UserId, string DisplayName, string? ClientId = null, Agency? SystemAgency = null, string? SystemUnitId = null, bool SecurityFunction = false,
    string? ActingSystemUnitId = null)
{
    /// <summary>The prefix of a partner system's own actor id.</summary>
    public const string SystemPrefix = "system:";

    /// <summary>True for a partner system acting on its own, with no user behind it.</summary>
    public bool IsSystem => SystemAgency is not null;

    /// <summary>True for a user a partner system acts for, naming them in <c>CaseGrid-Acting-For</c>.</summary>
    public bool IsActingFor => ActingSystemUnitId is not null;
}
