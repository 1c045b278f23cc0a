using CaseGrid.Domain;
using CaseGrid.Grains.Realtime;
using CaseGrid.Grains.Storage;
using CaseGrid.Grains.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseGrid.Grains;

/// <summary>Registers what the grains need besides Orleans itself.</summary>
public static class CaseGridGrainsExtensions
{
    /// <summary>
    /// Add the case event store, snapshot store and key store (on the registered <see cref="Npgsql.NpgsqlDataSource"/> and
    /// <see cref="CaseKeyWrapping"/>), the clock, the catalogue and the live watchers.
    /// </summary>
    public static IServiceCollection AddCaseGridGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(NeedAreaCatalogue.Default);
        services.TryAddSingleton(DeadlineRuleSet.Default);
        services.TryAddSingleton<RuleSets.RuleSetCache>();
        services.TryAddSingleton<ICaseKeyStore, PostgresCaseKeyStore>();
        services.TryAddSingleton<ICaseEventStore, PostgresCaseEventStore>();
        services.TryAddSingleton<ICaseSnapshotStore, PostgresCaseSnapshotStore>();
        services.TryAddSingleton<Cases.CaseSnapshotCodec>();
        services.AddOptions<Cases.CaseSnapshotOptions>();
        services.TryAddSingleton<IWorkMailOutbox, PostgresWorkMailOutbox>();
        services.TryAddSingleton<UnitNames>();
        services.AddOptions<WorkOptions>();
        services.TryAddSingleton<ICasePartnerIndex, PostgresCasePartnerIndex>();

        // The watched grains on this silo and their heartbeats to the API hosts watching them.
        services.AddSingleton<LiveWatchers>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveWatchers>());
        return services;
    }
}
