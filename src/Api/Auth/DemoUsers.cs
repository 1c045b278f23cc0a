using System.Collections.Frozen;

namespace CaseGrid.Api.Auth;

/// <summary>The names of the demo users, so a development token for <c>u-kari</c> carries "Kari Nilsen".</summary>
public static class DemoUsers
{
    /// <summary>Demo user ids and their names.</summary>
    public static FrozenDictionary<string, string> Names { get; } = new Dictionary<string, string>
    {
        ["u-kari"] = "Kari Nilsen",
        ["u-per"] = "Per Hansen",
        ["u-lars"] = "Lars Berg",
        ["u-mette"] = "Mette Aas",
        ["u-ingrid"] = "Ingrid Dahl",
        ["u-sofie"] = "Sofie Strand",
        ["u-arne"] = "Arne Vik",
        ["u-nora"] = "Nora Lie",
        ["u-jon"] = "Jon Moe",
        ["u-ola"] = "Ola Nordmann",
        ["u-hilde"] = "Hilde Sørensen",
        ["u-revisor"] = "Rita Revisor",
        ["u-drift"] = "Drift Operatør",
        ["u-admin"] = "Administrator",
        ["u-randi"] = "Randi Fjeld",
        ["u-stine"] = "Stine Statistikk",
        ["u-tone"] = "Tone Berg",
        ["u-siri"] = "Siri Aasen",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The roles a demo user's token always carries, besides any the request names: the operator sees the dashboard, the
    /// auditor the audit, the statistician the national indicators, the national administrator publishes rule sets.
    /// </summary>
    public static FrozenDictionary<string, string[]> Roles { get; } = new Dictionary<string, string[]>
    {
        ["u-drift"] = [OperatorAccess.Role],
        ["u-revisor"] = [ActorExtensions.AuditorRole],
        ["u-randi"] = [ActorExtensions.NationalAdminRole],
        ["u-stine"] = [ActorExtensions.StatisticsRole],
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
