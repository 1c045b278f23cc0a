using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using CaseGrid.Contracts.RuleSets;

namespace CaseGrid.Grains.RuleSets;

/// <summary>
/// The rule sets in force, as this silo knows them: the set shipped with CaseGrid (in force from the start) and every
/// version a national administrator has published, each from its effective date. Read without waiting on the hot path;
/// refreshed from the rule-set grain when a case evaluates time or activates (at most once a second per silo, a cheap
/// revision check first) and in the background, so a publication reaches every silo within seconds.
/// </summary>
public sealed class RuleSetCache(DeadlineRuleSet shipped, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, DeadlineRuleSet> _parsed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile State _state = new(-1, [(DateOnly.MinValue, shipped)], DateTimeOffset.MinValue);

    /// <summary>The set shipped with CaseGrid: in force until a published one takes effect.</summary>
    public DeadlineRuleSet Shipped => shipped;

    /// <summary>The catalogue revision last read; -1 before the first read.</summary>
    public long Revision => _state.Revision;

    /// <summary>The set in force on <paramref name="day"/>: the latest to take effect by then (the latest published of those that take effect on the same day).</summary>
    public DeadlineRuleSet InForce(DateOnly day)
    {
        var sets = _state.Sets;
        for (var i = sets.Length - 1; i >= 0; i--)
        {
            if (sets[i].From <= day)
            {
                return sets[i].Rules;
            }
        }

        return shipped;
    }

    /// <summary>A rule set from its document, parsed once per silo.</summary>
    /// <exception cref="System.Text.Json.JsonException">The document does not have a rule set's shape.</exception>
    /// <exception cref="InvalidOperationException">The rule set is not consistent.</exception>
    public DeadlineRuleSet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var key = Hash(json);
        if (_parsed.TryGetValue(key, out var known))
        {
            return known;
        }

        var parsed = DeadlineRuleSet.FromJson(json);

        // Drafts compared in dry runs come and go: keep the cache from growing without bound.
        if (_parsed.Count > 64)
        {
            _parsed.Clear();
        }

        return _parsed.GetOrAdd(key, parsed);
    }

    /// <summary>A short stable hash of a document: a dry run and its publication must be of the same one.</summary>
    public static string Hash(string json) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];

    /// <summary>
    /// Read the catalogue again when it may have changed: when older than a second (or <paramref name="force"/>), ask the
    /// rule-set grain for its revision and read the sets when it moved. A failure keeps what is known.
    /// </summary>
    public async Task RefreshAsync(IGrainFactory grains, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (!force && clock.GetUtcNow() - _state.CheckedAt < CheckEvery)
        {
            return;
        }

        if (!await _refreshing.WaitAsync(TimeSpan.Zero))
        {
            // Another refresh is under way on this silo; what it reads is as new as this one would be.
            return;
        }

        try
        {
            var grain = grains.GetGrain<IRuleSetGrain>(IRuleSetGrain.Key);
            var revision = await grain.GetRevisionAsync();
            var state = _state;
            if (revision == state.Revision)
            {
                _state = state with { CheckedAt = clock.GetUtcNow() };
                return;
            }

            Apply(await grain.GetAsync());
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Take <paramref name="catalogue"/> as what is published.</summary>
    public void Apply(RuleSetCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var sets = ImmutableArray.CreateBuilder<(DateOnly From, DeadlineRuleSet Rules)>();
        sets.Add((DateOnly.MinValue, shipped));
        foreach (var (published, order) in catalogue.Sets.Select((p, i) => (p, i)).OrderBy(x => x.p.EffectiveFrom).ThenBy(x => x.i))
        {
            sets.Add((published.EffectiveFrom, Parse(published.Json)));
        }

        _state = new State(catalogue.Revision, sets.ToImmutable(), clock.GetUtcNow());
    }

    /// <inheritdoc/>
    public void Dispose() => _refreshing.Dispose();

    private sealed record State(long Revision, ImmutableArray<(DateOnly From, DeadlineRuleSet Rules)> Sets, DateTimeOffset CheckedAt);
}
