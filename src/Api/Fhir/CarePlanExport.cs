using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using CaseGoal = CaseGrid.Contracts.Plan.Goal;

namespace CaseGrid.Api.Fhir;

/// <summary>
/// A case's plan as a FHIR R4 <c>collection</c> Bundle for partner systems: the CarePlan, the CareTeam (the
/// ansvarsgruppe), one Goal per goal and one Condition per identified need area (R4's CarePlan and Goal address
/// Conditions; each carries the need area as a CodeableConcept). It maps exactly what the case read returned and
/// adds nothing: the person appears only by their pseudonymous id, never by name or national identity number.
/// </summary>
public static class CarePlanExport
{
    /// <summary>The media type of FHIR JSON.</summary>
    public const string MediaType = "application/fhir+json";

    /// <summary>Code system of CaseGrid's need areas (the catalogue codes, e.g. <c>housing</c>).</summary>
    public const string NeedAreaSystem = "urn:casegrid:need-area";

    /// <summary>Code system of a member's part in the ansvarsgruppe (<see cref="MemberRole"/> names).</summary>
    public const string MemberRoleSystem = "urn:casegrid:member-role";

    /// <summary>Code system of the responsibilities a member holds; <c>coordinator</c> flags the case's coordinator.</summary>
    public const string ResponsibilitySystem = "urn:casegrid:responsibility";

    /// <summary>Identifier system of the person's stable pseudonymous id.</summary>
    public const string PseudonymSystem = "urn:casegrid:pseudonym";

    /// <summary>Identifier system of CaseGrid users (members of the ansvarsgruppe).</summary>
    public const string UserSystem = "urn:casegrid:user";

    /// <summary>Identifier system of CaseGrid units (prisons, offices, municipalities).</summary>
    public const string UnitSystem = "urn:casegrid:unit";

    /// <summary>Identifier system of cases (the CarePlan's identifier).</summary>
    public const string CaseSystem = "urn:casegrid:case";

    /// <summary>Identifier system of ansvarsgrupper (the CareTeam's identifier).</summary>
    public const string GroupSystem = "urn:casegrid:group";

    /// <summary>Identifier system of goals.</summary>
    public const string GoalSystem = "urn:casegrid:goal";

    private const string CoordinatorCode = "coordinator";
    private const string GoalAchievementSystem = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    private const string ConditionClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    private static readonly JsonSerializerOptions CatalogueJson = new(JsonSerializerDefaults.Web);

    /// <summary>Norwegian names of the need areas, from the same catalogue file the domain reads.</summary>
    private static readonly ImmutableDictionary<string, string> NeedAreaNames = LoadNeedAreaNames();

    /// <summary>The Bundle for <paramref name="state"/>, with members counted as active on <paramref name="today"/>.</summary>
    public static Bundle ToBundle(CaseState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        var patient = PatientOf(state);
        var careTeamUrl = UrlOf("CareTeam", state.GroupId);
        var conditions = state.NeedAreas.Values
            .Where(n => n.Status != NeedStatus.NotAssessed)
            .OrderBy(n => n.Code, StringComparer.Ordinal)
            .ToImmutableDictionary(n => n.Code, n => (Url: UrlOf("Condition", n.Code), Resource: ConditionOf(n, patient)));
        var goals = state.Goals.Values
            .OrderBy(g => g.GoalId, StringComparer.Ordinal)
            .Select(g => (Goal: g, Url: UrlOf("Goal", g.GoalId)))
            .ToImmutableArray();

        ResourceReference? NeedReference(string code) => conditions.TryGetValue(code, out var c)
            ? new ResourceReference(c.Url, NameOf(code)) { Type = "Condition" }
            : null;

        var carePlan = new CarePlan
        {
            Meta = new Meta { VersionId = state.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = state.UpdatedAt },
            Identifier = [new Identifier(CaseSystem, state.CaseId)],
            Status = StatusOf(state.Phase),
            Intent = CarePlan.CarePlanIntent.Plan,
            Subject = patient,
            Period = PeriodOf(state),
            CreatedElement = new FhirDateTime(state.OpenedAt),
            CareTeam = [new ResourceReference(careTeamUrl) { Type = "CareTeam" }],
            Addresses = [.. conditions.Keys.Order(StringComparer.Ordinal).Select(c => NeedReference(c)!)],
            Goal = [.. goals.Select(g => new ResourceReference(g.Url) { Type = "Goal" })],
            Activity = [.. state.Measures.Values.OrderBy(m => m.MeasureId, StringComparer.Ordinal).Select(m => new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Status = StatusOf(m.Status),
                    StatusReason = m.StatusNote is { Length: > 0 } note ? new CodeableConcept { Text = note } : null,
                    Description = m.What,
                    ReasonCode = [.. m.NeedCodes.Select(NeedAreaConcept)],
                    ReasonReference = [.. m.NeedCodes.Select(NeedReference).OfType<ResourceReference>()],
                    Goal = [.. goals.Where(g => m.NeedCodes.Contains(g.Goal.NeedCode)).Select(g => new ResourceReference(g.Url) { Type = "Goal" })],
                    Performer = [MemberReference(state, m.OwnerId, patient)],
                    Scheduled = m.Due is { } due ? new Period { End = DateText(due) } : null,
                },
            })],
        };

        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = state.UpdatedAt };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = UrlOf("CarePlan", state.CaseId), Resource = carePlan });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = careTeamUrl, Resource = CareTeamOf(state, today, patient) });
        foreach (var (goal, url) in goals)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = GoalOf(goal, patient, NeedReference(goal.NeedCode)) });
        }

        foreach (var (_, (url, condition)) in conditions.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = condition });
        }

        return bundle;
    }

    /// <summary>The Bundle as FHIR JSON.</summary>
    public static string ToJson(Bundle bundle) => Serializer.SerializeToString(bundle);

    /// <summary>The need area as a CodeableConcept in CaseGrid's code system, with its Norwegian name.</summary>
    public static CodeableConcept NeedAreaConcept(string code) => new(NeedAreaSystem, code, NameOf(code), NameOf(code));

    private static string NameOf(string code) => NeedAreaNames.GetValueOrDefault(code) ?? code;

    /// <summary>The person by their pseudonymous id: a logical reference, no Patient resource and no name.</summary>
    private static ResourceReference PatientOf(CaseState state) =>
        new() { Type = "Patient", Identifier = new Identifier(PseudonymSystem, state.Person.PseudonymId) };

    /// <summary>A member as an activity performer or team participant: the person as the patient, staff as practitioners.</summary>
    private static ResourceReference MemberReference(CaseState state, string userId, ResourceReference patient) =>
        state.Members.TryGetValue(userId, out var member) && member.Role == MemberRole.Person
            ? patient
            : new ResourceReference { Type = "Practitioner", Identifier = new Identifier(UserSystem, userId), Display = state.Members.GetValueOrDefault(userId)?.DisplayName };

    private static CareTeam CareTeamOf(CaseState state, DateOnly today, ResourceReference patient) => new()
    {
        Identifier = [new Identifier(GroupSystem, state.GroupId)],
        Status = state.Phase == CasePhase.Closed ? CareTeam.CareTeamStatus.Inactive : CareTeam.CareTeamStatus.Active,
        Name = "Ansvarsgruppe",
        Subject = patient,
        ManagingOrganization = [UnitReference(state.CurrentUnitId, state.CurrentUnitId)],
        Participant = [.. state.Members.Values
            .Where(m => m.IsActiveOn(today))
            .OrderBy(m => m.From).ThenBy(m => m.UserId, StringComparer.Ordinal)
            .Select(m => ParticipantOf(state, m, patient))],
    };

    private static CareTeam.ParticipantComponent ParticipantOf(CaseState state, GroupMember member, ResourceReference patient)
    {
        var participant = new CareTeam.ParticipantComponent
        {
            Role = [new CodeableConcept(MemberRoleSystem, member.Role.ToString(), member.Role.ToString(), member.Role.ToString())],
            Member = MemberReference(state, member.UserId, patient),
            Period = new Period { Start = DateText(member.From), End = member.Until is { } until ? DateText(until) : null },
        };
        if (member.UserId == state.CoordinatorId)
        {
            participant.Role.Add(new CodeableConcept(ResponsibilitySystem, CoordinatorCode, "Koordinator", "Koordinator"));
        }

        // R4 lets only practitioners act on behalf of an organisation (ctm-1); the person speaks for themselves.
        if (member.Role != MemberRole.Person)
        {
            participant.OnBehalfOf = UnitReference(member.UnitId, member.Agency.ToString());
        }

        return participant;
    }

    private static ResourceReference UnitReference(string? unitId, string display) => new()
    {
        Type = "Organization",
        Identifier = unitId is null ? null : new Identifier(UnitSystem, unitId),
        Display = display,
    };

    private static Hl7.Fhir.Model.Goal GoalOf(CaseGoal goal, ResourceReference patient, ResourceReference? needArea) => new()
    {
        Identifier = [new Identifier(GoalSystem, goal.GoalId)],
        LifecycleStatus = goal.Achieved ? Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Completed : Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Active,
        AchievementStatus = goal.Achieved
            ? new CodeableConcept(GoalAchievementSystem, "achieved", "Achieved")
            : new CodeableConcept(GoalAchievementSystem, "in-progress", "In Progress"),
        Category = [NeedAreaConcept(goal.NeedCode)],
        Description = new CodeableConcept { Text = goal.Text },
        Subject = patient,
        Addresses = needArea is null ? [] : [needArea],
    };

    private static Condition ConditionOf(NeedArea need, ResourceReference patient) => new()
    {
        ClinicalStatus = need.Status switch
        {
            NeedStatus.Met => new CodeableConcept(ConditionClinicalSystem, "resolved", "Resolved"),
            NeedStatus.DeclinedByPerson => new CodeableConcept(ConditionClinicalSystem, "inactive", "Inactive"),
            _ => new CodeableConcept(ConditionClinicalSystem, "active", "Active"),
        },
        Code = NeedAreaConcept(need.Code),
        Subject = patient,
    };

    private static RequestStatus StatusOf(CasePhase phase) => phase switch
    {
        // Called in but not yet arrived: the plan is being drawn up.
        CasePhase.Summoned => RequestStatus.Draft,
        CasePhase.Closed => RequestStatus.Completed,
        _ => RequestStatus.Active,
    };

    private static CarePlan.CarePlanActivityStatus StatusOf(MeasureStatus status) => status switch
    {
        MeasureStatus.Proposed or MeasureStatus.ChosenByPerson => CarePlan.CarePlanActivityStatus.NotStarted,
        MeasureStatus.AcceptedByOwner => CarePlan.CarePlanActivityStatus.Scheduled,
        MeasureStatus.Started => CarePlan.CarePlanActivityStatus.InProgress,
        MeasureStatus.Delivered => CarePlan.CarePlanActivityStatus.Completed,
        MeasureStatus.Cancelled => CarePlan.CarePlanActivityStatus.Cancelled,
        _ => CarePlan.CarePlanActivityStatus.Unknown,
    };

    /// <summary>From the sentence start (else the day the case opened) to the end of supervision (else of the sentence).</summary>
    private static Period PeriodOf(CaseState state)
    {
        var start = state.Dates.SentenceStart ?? Contracts.Common.NorwegianTime.DateOf(state.OpenedAt);
        var end = state.Dates.EndOfSupervision ?? state.Dates.EndOfSentence;
        return new Period { Start = DateText(start), End = end is { } e && e >= start ? DateText(e) : null };
    }

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A stable <c>urn:uuid</c> for a resource of the export (name-based: RFC 9562 version 8 from SHA-256), so exporting
    /// the same case twice gives the same references and CaseGrid ids need not fit FHIR's id syntax.
    /// </summary>
    private static string UrlOf(string resourceType, string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"casegrid:{resourceType}/{id}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return $"urn:uuid:{new Guid(hash.AsSpan(0, 16), bigEndian: true)}";
    }

    private static ImmutableDictionary<string, string> LoadNeedAreaNames()
    {
        using var stream = typeof(CarePlanExport).Assembly.GetManifestResourceStream("CaseGrid.Api.Fhir.need-areas.json")
            ?? throw new InvalidOperationException("The need-area catalogue is not embedded in the API assembly.");
        var entries = JsonSerializer.Deserialize<NeedAreaDefinition[]>(stream, CatalogueJson) ?? [];
        return entries.ToImmutableDictionary(e => e.Code, e => e.NameNb, StringComparer.Ordinal);
    }
}
