namespace CaseGrid.Api.Mail;

/// <summary>Wires work-list mail into a host that serves the API.</summary>
public static class CaseGridMailExtensions
{
    /// <summary>Register the mail options, the outbox, the dispatcher that sends it, and the development sink.</summary>
    public static IServiceCollection AddCaseGridMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailOutboxStore>();
        services.AddHostedService<DevMailSink>();
        services.AddHostedService<MailDispatcher>();
        return services;
    }
}
