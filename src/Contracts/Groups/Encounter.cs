using System.Collections.Immutable;

namespace CaseGrid.Contracts.Groups;

/// <summary>
/// A group meeting held, or a contact with the person recorded. Encounters establish the overlap a
/// handover needs: the receiver has met the group or the person before the sender lets go.
/// </summary>
/// <param name="EncounterId">Id of the record.</param>
/// <param name="Kind">Meeting or contact.</param>
/// <param name="Date">When it took place.</param>
/// <param name="Attendees">Who took part (for a contact: the member who met the person).</param>
/// <param name="Summary">A short note; never health details.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Encounter")]
public sealed record Encounter(string EncounterId, EncounterKind Kind, DateOnly Date, ImmutableArray<Attendee> Attendees, string? Summary);
