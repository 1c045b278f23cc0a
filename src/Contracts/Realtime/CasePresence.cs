using System.Collections.Immutable;

namespace CaseGrid.Contracts.Realtime;

/// <summary>Who is in a case right now and which free-text fields are being edited.</summary>
/// <param name="Entries">Present connections.</param>
/// <param name="Locks">Held field locks.</param>
[GenerateSerializer, Immutable, Alias("casegrid.CasePresence")]
public sealed record CasePresence(ImmutableArray<PresenceEntry> Entries, ImmutableArray<FieldLock> Locks)
{
    /// <summary>Nobody present.</summary>
    public static CasePresence Empty { get; } = new([], []);
}
