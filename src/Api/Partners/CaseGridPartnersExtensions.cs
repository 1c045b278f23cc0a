namespace CaseGrid.Api.Partners;

/// <summary>Wires the partner feed and webhooks into a host that serves the API.</summary>
public static class CaseGridPartnersExtensions
{
    /// <summary>Register the feed reader.</summary>
    public static IServiceCollection AddCaseGridPartners(this IServiceCollection services)
    {
        services.AddSingleton<FeedReader>();
        return services;
    }
}
