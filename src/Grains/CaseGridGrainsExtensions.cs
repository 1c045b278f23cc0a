using CaseGrid.Domain;
using CaseGrid.Grains.Realtime;
using CaseGrid.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseGrid.Grains;

/// <summary>Registers what the grains need besides Orleans itself.</summary>
public static class CaseGridGrainsExtensions
{
    /// <summary>Add the case event store (on the registered <see cref="Npgsql.NpgsqlDataSource"/>), the clock, the catalogue and the live watchers.</summary>
    public static IServiceCollection AddCaseGridGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(NeedAreaCatalogue.Default);
        services.TryAddSingleton(DeadlineRuleSet.Default);
        services.TryAddSingleton<ICaseEventStore, PostgresCaseEventStore>();

        // The watched grains on this silo and their heartbeats to the API hosts watching them.
        services.AddSingleton<LiveWatchers>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveWatchers>());
        return services;
    }
}
