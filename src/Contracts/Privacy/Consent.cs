using System.Collections.Immutable;
using CaseGrid.Contracts.Groups;

namespace CaseGrid.Contracts.Privacy;

/// <summary>The person's consent as it stands: the scopes in force, who recorded it and when.</summary>
/// <param name="Scopes">The scopes in force; empty once everything is withdrawn.</param>
/// <param name="RecordedById">Who recorded the latest change: the person, or the coordinator on the person's word.</param>
/// <param name="RecordedAt">When the latest change was recorded.</param>
/// <param name="Note">How and where it was given or withdrawn (e.g. "Kartleggingssamtale 3. mars").</param>
/// <param name="Version">Case version of the latest change.</param>
/// <param name="Ends">By scope: the last day a scope given with an end date is in force. Scopes not here last until withdrawn.</param>
/// <param name="NotSharedWith">The agencies the person does not share their plan's details with; empty when all of them share.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Consent")]
public sealed record Consent(
    ImmutableArray<ConsentScope> Scopes,
    string RecordedById,
    DateTimeOffset RecordedAt,
    string? Note,
    long Version,
    ImmutableSortedDictionary<ConsentScope, DateOnly> Ends,
    ImmutableArray<Agency> NotSharedWith)
{
    /// <summary>No consent given.</summary>
    public static Consent None { get; } = new([], "", DateTimeOffset.MinValue, null, 0, ImmutableSortedDictionary<ConsentScope, DateOnly>.Empty, []);

    /// <summary>True when <paramref name="scope"/> was given and not withdrawn (whatever its end date).</summary>
    public bool Covers(ConsentScope scope) => Scopes.Contains(scope);

    /// <summary>True when <paramref name="scope"/> is in force on <paramref name="today"/>: given, not withdrawn, its end date not passed.</summary>
    public bool Covers(ConsentScope scope, DateOnly today) =>
        Covers(scope) && (Ends is null || !Ends.TryGetValue(scope, out var end) || today <= end);

    /// <summary>True when the plan's details may reach <paramref name="agency"/> on <paramref name="today"/> under the plan-sharing consent.</summary>
    public bool SharesWith(Agency agency, DateOnly today) =>
        Covers(ConsentScope.PlanSharing, today) && (NotSharedWith.IsDefault || !NotSharedWith.Contains(agency));
}
