using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Domain.Time;

/// <summary>
/// The deadline rules (domain §7) as versioned data, shipped in <c>deadline-rules.json</c>. Every computed deadline
/// carries the version it was computed with, so a changed rule set shows in every deadline it changes. A rule set
/// can be read from any JSON of the same shape (<see cref="FromJson"/>), so tests and operators can change it.
/// </summary>
public sealed class DeadlineRuleSet
{
    private static readonly JsonSerializerOptions JsonOptions = CreateOptions();

    private static readonly ImmutableArray<CasePhase> OpenPhases = [.. Enum.GetValues<CasePhase>().Where(p => p != CasePhase.Closed)];

    private readonly ImmutableDictionary<string, DeadlineRule> _byId;

    /// <summary>Create and check a rule set.</summary>
    /// <exception cref="InvalidOperationException">The rule set is not consistent (missing version, duplicate ids, a milestone anchor without its milestone, …).</exception>
    public DeadlineRuleSet(
        string version,
        IEnumerable<DeadlineRule> rules,
        int dueSoonDays = 7,
        int inactivityDays = 21,
        FastTrackSettings? fastTrack = null,
        ReadinessSettings? readiness = null,
        RuleSetExtras? extras = null)
    {
        var more = extras ?? new RuleSetExtras();
        Origin = more.Origin ?? "";
        FirstDays = more.FirstDays ?? new FirstDaysSettings();
        Proposals = more.Proposals ?? new ProposalSettings(new DeadlinePeriod(5, PeriodUnit.WorkingDays));
        LeadTimes = more.LeadTimes.IsDefault ? [] : more.LeadTimes;
        AppealPeriod = more.AppealPeriod ?? new DeadlinePeriod(3, PeriodUnit.Weeks);
        MeetingNoticeDays = more.MeetingNoticeDays;
        if (FirstDays.DaysBeforeRelease < 0 || MeetingNoticeDays < 0 || Proposals.AnswerWithin.Amount < 1 || AppealPeriod.Amount < 1
            || !Enum.IsDefined(Proposals.AnswerWithin.Unit) || !Enum.IsDefined(AppealPeriod.Unit))
        {
            throw Invalid("the first-days, proposal, appeal or meeting-notice setting is out of range");
        }

        if (LeadTimes.Any(l => l is null || !Enum.IsDefined(l.Kind) || l.Time.Amount < 0 || !Enum.IsDefined(l.Time.Unit))
            || LeadTimes.GroupBy(l => l.Kind).Any(g => g.Count() > 1))
        {
            throw Invalid("each lead time names a known kind once, with a length not negative");
        }

        Version = string.IsNullOrWhiteSpace(version) ? throw Invalid("it has no version") : version;
        Rules = [.. rules.Select(Normalize)];
        DueSoonDays = dueSoonDays >= 0 ? dueSoonDays : throw Invalid("dueSoonDays is negative");
        InactivityDays = inactivityDays >= 1 ? inactivityDays : throw Invalid("inactivityDays must be at least 1");
        FastTrack = fastTrack ?? new FastTrackSettings();
        Readiness = readiness ?? new ReadinessSettings();
        if (FastTrack.MaxDaysToRelease < 0 || FastTrack.GraceDays < 0 || Readiness.WeeksBeforeRelease < 0 || Readiness.RedWithinDays < 0)
        {
            throw Invalid("a fast-track or readiness setting is negative");
        }

        var duplicate = Rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Invalid($"rule '{duplicate.Key}' appears twice");
        }

        _byId = Rules.ToImmutableDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The rule set shipped with CaseGrid.</summary>
    public static DeadlineRuleSet Default { get; } = LoadDefault();

    /// <summary>The version every computed deadline carries, e.g. <c>2026.1</c>.</summary>
    public string Version { get; }

    /// <summary>The rules, in display order.</summary>
    public ImmutableArray<DeadlineRule> Rules { get; }

    /// <summary>A deadline due within this many days (today included) is due soon.</summary>
    public int DueSoonDays { get; }

    /// <summary>Orphan detection: an accountable owner who has not acted for this many days is inactive.</summary>
    public int InactivityDays { get; }

    /// <summary>The short-sentence fast track.</summary>
    public FastTrackSettings FastTrack { get; }

    /// <summary>Release readiness thresholds.</summary>
    public ReadinessSettings Readiness { get; }

    /// <summary>Where the set's lead times come from, in words: the first thing a reader of a published set sees.</summary>
    public string Origin { get; }

    /// <summary>When the first-days list is prepared.</summary>
    public FirstDaysSettings FirstDays { get; }

    /// <summary>When a proposal must be answered.</summary>
    public ProposalSettings Proposals { get; }

    /// <summary>Partners' typical lead times by kind of application.</summary>
    public ImmutableArray<LeadTime> LeadTimes { get; }

    /// <summary>How long the person has to appeal a refusal (klagefrist).</summary>
    public DeadlinePeriod AppealPeriod { get; }

    /// <summary>The person should have the invitation to a meeting at least this many days before it.</summary>
    public int MeetingNoticeDays { get; }

    /// <summary>The lead time of <paramref name="kind"/>, or null when the set gives none.</summary>
    public LeadTime? LeadTimeOf(Contracts.Plan.ApplicationKind kind) => LeadTimes.FirstOrDefault(l => l.Kind == kind);

    /// <summary>The rule with <paramref name="id"/>, or null.</summary>
    public DeadlineRule? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Read a rule set from its JSON (the shape of <c>deadline-rules.json</c>); unknown properties are refused.</summary>
    /// <exception cref="JsonException">The JSON does not have the rule set's shape.</exception>
    /// <exception cref="InvalidOperationException">The rule set is not consistent.</exception>
    public static DeadlineRuleSet FromJson(string json)
    {
        var document = JsonSerializer.Deserialize<Document>(json, JsonOptions) ?? throw Invalid("the JSON is null");
        var set = document.ToRuleSet();
        set.Json = json;
        return set;
    }

    /// <summary>Read a rule set from a stream of its JSON.</summary>
    public static DeadlineRuleSet Load(Stream json)
    {
        using var reader = new StreamReader(json);
        return FromJson(reader.ReadToEnd());
    }

    /// <summary>The JSON document the set was read from, as published; null for a set built in code.</summary>
    public string? Json { get; private set; }

    private static DeadlineRuleSet LoadDefault()
    {
        using var stream = typeof(DeadlineRuleSet).Assembly.GetManifestResourceStream("CaseGrid.Domain.deadline-rules.json")
            ?? throw new InvalidOperationException("The deadline rule set is not embedded in the assembly.");
        return Load(stream);
    }

    private static DeadlineRule Normalize(DeadlineRule r)
    {
        if (r is null)
        {
            throw Invalid("a rule is null");
        }

        var name = r.Id ?? "(no id)";
        if (!CaseGridIds.IsValid(r.Id))
        {
            throw Invalid($"rule '{name}' has no valid id");
        }

        if (string.IsNullOrWhiteSpace(r.NameNb) || string.IsNullOrWhiteSpace(r.NameEn))
        {
            throw Invalid($"rule '{name}' needs names in bokmål and English");
        }

        if (!Enum.IsDefined(r.Anchor) || !Enum.IsDefined(r.Severity) || !Enum.IsDefined(r.Responsible) || !Enum.IsDefined(r.Offset.Unit)
            || (r.Window is { } w && !Enum.IsDefined(w.Unit)))
        {
            throw Invalid($"rule '{name}' has an unknown anchor, severity, agency or unit");
        }

        if ((r.Anchor == DeadlineAnchor.Milestone) != (r.AnchorMilestone is not null))
        {
            throw Invalid($"rule '{name}': a milestone anchor, and only a milestone anchor, names its anchorMilestone");
        }

        if (r.FallbackAnchor is { } fallback
            && (r.Anchor is not (DeadlineAnchor.Milestone or DeadlineAnchor.ContactWithPerson)
                || fallback is DeadlineAnchor.Milestone or DeadlineAnchor.ContactWithPerson or DeadlineAnchor.AgencyJoined || !Enum.IsDefined(fallback)))
        {
            throw Invalid($"rule '{name}': only a milestone or contact anchor has a fallbackAnchor, and it is a date of the case");
        }

        if ((r.Anchor == DeadlineAnchor.AgencyJoined) != (r.AnchorAgency is not null) || (r.AnchorAgency is { } a && !Enum.IsDefined(a)))
        {
            throw Invalid($"rule '{name}': an agencyJoined anchor, and only that anchor, names its anchorAgency");
        }

        if (r.Window is { } window && window.AddTo(DateOnly.FromDayNumber(800_000)) > r.Offset.AddTo(DateOnly.FromDayNumber(800_000)))
        {
            throw Invalid($"rule '{name}': its window opens after it is due");
        }

        var satisfiedBy = r.SatisfiedBy.IsDefault ? [] : r.SatisfiedBy;
        foreach (var s in satisfiedBy)
        {
            var valid = s is not null && (s.Milestone is null) != (s.Fact is null) && s.Fact switch
            {
                SatisfactionFact.MemberJoined => s.Agency is not null,
                SatisfactionFact.NeedMet => !string.IsNullOrWhiteSpace(s.Need),
                null => Enum.IsDefined(s.Milestone!.Value),
                _ => Enum.IsDefined(s.Fact.Value),
            };
            if (!valid)
            {
                throw Invalid($"rule '{name}': each satisfiedBy names one milestone or one fact (memberJoined with its agency, needMet with its need)");
            }
        }

        return r with
        {
            SatisfiedBy = satisfiedBy,
            ActiveIn = r.ActiveIn.IsDefaultOrEmpty ? OpenPhases : r.ActiveIn,
            Source = r.Source ?? "",
        };
    }

    private static InvalidOperationException Invalid(string why) => new($"The deadline rule set is not valid: {why}.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    /// <summary>The JSON document's shape.</summary>
    private sealed record Document(
        string Version,
        ImmutableArray<DeadlineRule> Rules,
        int DueSoonDays = 7,
        int InactivityDays = 21,
        FastTrackSettings? FastTrack = null,
        ReadinessSettings? Readiness = null,
        string? Origin = null,
        FirstDaysSettings? FirstDays = null,
        ProposalSettings? Proposals = null,
        ImmutableArray<LeadTime> LeadTimes = default,
        DeadlinePeriod? AppealPeriod = null,
        int MeetingNoticeDays = 7)
    {
        public DeadlineRuleSet ToRuleSet() =>
            new(Version, Rules.IsDefault ? [] : Rules, DueSoonDays, InactivityDays, FastTrack, Readiness,
                new RuleSetExtras(Origin, FirstDays, Proposals, LeadTimes, AppealPeriod, MeetingNoticeDays));
    }
}
