using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Privacy;

namespace CaseGrid.Domain.Privacy;

/// <summary>
/// Which partner systems a case could be read by at all: the units it concerns (<see cref="CaseAccess.Involves"/>), and
/// whether the person consented to sharing with partner systems. Kept in an index beside the event log, so the feed asks
/// a case only when the index says the system may read it. The index may say more than the case (it is widened before
/// events that widen the case are written, and narrowed after), never less: the case has the last word on every read.
/// </summary>
/// <param name="Units">The units the case concerns, in ordinal order.</param>
/// <param name="Consent">Whether the person consents to sharing with partner systems.</param>
public sealed record PartnerReach(ImmutableArray<string> Units, bool Consent)
{
    /// <summary>A case that concerns no unit and has no consent.</summary>
    public static PartnerReach None { get; } = new([], false);

    /// <summary>The reach of <paramref name="state"/> as it stands.</summary>
    public static PartnerReach Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var units = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string? unitId)
        {
            if (unitId is not null)
            {
                units.Add(unitId);
            }
        }

        Add(state.CurrentUnitId);
        Add(state.Home.RegisteredUnitId);
        Add(state.Home.IntendedUnitId);
        foreach (var unitId in state.IncomingUnitIds)
        {
            Add(unitId);
        }

        foreach (var (_, member) in state.Members)
        {
            if (member.Until is null)
            {
                Add(member.UnitId);
            }
        }

        return new PartnerReach([.. units], state.Consent.Covers(ConsentScope.PartnerSystems));
    }

    /// <summary>True when everything this reach lets partner systems read, <paramref name="other"/> lets them read too.</summary>
    public bool Within(PartnerReach other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (!Consent || other.Consent) && Units.All(u => other.Units.Contains(u, StringComparer.Ordinal));
    }

    /// <summary>Both reaches together.</summary>
    public PartnerReach Union(PartnerReach other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new([.. Units.Union(other.Units, StringComparer.Ordinal).Order(StringComparer.Ordinal)], Consent || other.Consent);
    }

    /// <summary>Equal by value.</summary>
    public bool Equals(PartnerReach? other) => other is not null && Consent == other.Consent && Units.SequenceEqual(other.Units, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Consent, Units.Length);
}
