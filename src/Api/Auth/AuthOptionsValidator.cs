using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Auth;

/// <summary>
/// Refuses to start a host whose tokens anyone could forge: outside the Development environment an OpenID Connect
/// issuer is required and the development issuer may not be switched on.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!environment.IsDevelopment())
        {
            if (options.UsesDevelopmentIssuer)
            {
                failures.Add($"{AuthOptions.SectionName}:{nameof(AuthOptions.Authority)} is required in the {environment.EnvironmentName} environment: set it to the OpenID Connect issuer whose tokens CaseGrid accepts. The development issuer exists only in Development.");
            }

            if (options.DevIssuerEnabled)
            {
                failures.Add($"{AuthOptions.SectionName}:{nameof(AuthOptions.DevIssuerEnabled)} must be false in the {environment.EnvironmentName} environment: the development issuer hands out any token to anyone and exists only in Development.");
            }
        }

        if (!options.UsesDevelopmentIssuer
            && (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (options.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{AuthOptions.SectionName}:{nameof(AuthOptions.Authority)} must be an absolute https URL (http only with {nameof(AuthOptions.RequireHttpsMetadata)} false, on a closed test network).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
