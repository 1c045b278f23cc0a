using System.Collections.Immutable;

namespace CaseGrid.Contracts.Privacy;

/// <summary>The person's consent as it stands: the scopes in force, who recorded it and when.</summary>
/// <param name="Scopes">The scopes in force; empty once everything is withdrawn.</param>
/// <param name="RecordedById">Who recorded the latest change: the person, or the coordinator on the person's word.</param>
/// <param name="RecordedAt">When the latest change was recorded.</param>
/// <param name="Note">How and where it was given or withdrawn (e.g. "Kartleggingssamtale 3. mars").</param>
/// <param name="Version">Case version of the latest change.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Consent")]
public sealed record Consent(ImmutableArray<ConsentScope> Scopes, string RecordedById, DateTimeOffset RecordedAt, string? Note, long Version)
{
    /// <summary>No consent given.</summary>
    public static Consent None { get; } = new([], "", DateTimeOffset.MinValue, null, 0);

    /// <summary>True when <paramref name="scope"/> is in force.</summary>
    public bool Covers(ConsentScope scope) => Scopes.Contains(scope);
}
