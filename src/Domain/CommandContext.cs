using System.Collections.Immutable;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Domain;

/// <summary>Everything a decision needs besides the case and the command: who acts, when, and what the units say.</summary>
/// <param name="Actor">Who acts.</param>
/// <param name="Now">The current instant.</param>
/// <param name="Today">The current date in Norway.</param>
/// <param name="Units">What each unit the command touches says about itself and the actor.</param>
/// <param name="NewId">Makes a new item id with the given prefix.</param>
public sealed record CommandContext(
    ActorRef Actor,
    DateTimeOffset Now,
    DateOnly Today,
    ImmutableDictionary<string, UnitResolution> Units,
    Func<string, string> NewId)
{
    /// <summary>How much the case may hold.</summary>
    public CaseLimits Limits { get; init; } = CaseLimits.Default;

    /// <summary>A context at <paramref name="now"/> with Norwegian local date and random ids.</summary>
    public static CommandContext At(ActorRef actor, DateTimeOffset now, ImmutableDictionary<string, UnitResolution>? units = null, CaseLimits? limits = null) =>
        new(actor, now, NorwegianDate(now), units ?? ImmutableDictionary<string, UnitResolution>.Empty, CaseGridIds.New) { Limits = limits ?? CaseLimits.Default };

    /// <summary>The calendar date in Norway at <paramref name="instant"/>: deadlines and overlaps count in local days.</summary>
    public static DateOnly NorwegianDate(DateTimeOffset instant) => NorwegianTime.DateOf(instant);

    /// <summary>The unit, when it exists.</summary>
    public UnitInfo? Unit(string? unitId) => unitId is null ? null : Units.GetValueOrDefault(unitId)?.Info;

    /// <summary>True when the actor works at the unit.</summary>
    public bool IsStaffOf(string? unitId) => unitId is not null && Units.GetValueOrDefault(unitId)?.IsStaff == true;

    /// <summary>
    /// What the units said about the staffing the command needed to know (<see cref="CaseDecider.StaffingConcerned"/>): by
    /// <see cref="StaffKey"/>, whether the user works there. A pair missing was not answered and tells nothing.
    /// </summary>
    public ImmutableDictionary<string, bool> Staffing { get; init; } = ImmutableDictionary<string, bool>.Empty;

    /// <summary>The key of a (unit, user) pair in <see cref="Staffing"/>.</summary>
    public static string StaffKey(string unitId, string userId) => $"{unitId}/{userId}";

    /// <summary>True when the actor leads the unit.</summary>
    public bool IsLeaderOf(string? unitId) => unitId is not null && Units.GetValueOrDefault(unitId)?.IsLeader == true;
}
