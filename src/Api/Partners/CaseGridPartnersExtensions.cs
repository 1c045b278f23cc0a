namespace CaseGrid.Api.Partners;

/// <summary>Wires the partner feed and webhooks into a host that serves the API.</summary>
public static class CaseGridPartnersExtensions
{
    /// <summary>Register the feed reader, the webhook store and options, and the webhook dispatcher.</summary>
    public static IServiceCollection AddCaseGridPartners(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), $"{WebhookOptions.SectionName}:{nameof(WebhookOptions.AllowedNetworks)} holds networks in CIDR notation, e.g. 127.0.0.1/32.")
            .ValidateOnStart();
        services.AddSingleton<WebhookDestinations>();
        services.AddSingleton<FeedReader>();
        services.AddSingleton<WebhookStore>();

        // Redirects are failures, not followed; the default request logging would write receivers' addresses. Every
        // connection goes through WebhookDestinations, which resolves the name and connects only to an address allowed.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookDestinations>().ConnectAsync,
            })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
