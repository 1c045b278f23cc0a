namespace CaseGrid.Api.Partners;

/// <summary>Wires the partner feed and webhooks into a host that serves the API.</summary>
public static class CaseGridPartnersExtensions
{
    /// <summary>Register the feed reader, the webhook store and options, and the webhook dispatcher.</summary>
    public static IServiceCollection AddCaseGridPartners(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeedReader>();
        services.AddSingleton<WebhookStore>();

        // Redirects are failures, not followed; the default request logging would write receivers' addresses.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
