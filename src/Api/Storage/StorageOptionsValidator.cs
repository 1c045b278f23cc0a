using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Storage;

/// <summary>
/// Checks <see cref="StorageOptions"/> on start: the provider is one CaseGrid knows, and an Azure account is named one way
/// or the other, with a usable prefix; and outside Development, never the local emulator or plain HTTP.
/// </summary>
/// <param name="environment">The host's environment, for the start-up check (DI gives it); without it, as when the hosts read
/// the options while they are being built, the environment's rule is left to that check.</param>
public sealed partial class StorageOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider must be PostgreSQL or AzureStorage.");
        }

        if (options.Provider != StorageProvider.AzureStorage)
        {
            return ValidateOptionsResult.Success;
        }

        var azure = options.Azure;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(azure.ConnectionString) && (azure.TableServiceUri is null || azure.BlobServiceUri is null))
        {
            failures.Add($"{StorageOptions.SectionName}:Azure needs a ConnectionString, or both TableServiceUri and BlobServiceUri (reached with DefaultAzureCredential).");
        }

        foreach (var uri in new[] { azure.TableServiceUri, azure.BlobServiceUri })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps) && string.IsNullOrWhiteSpace(azure.ConnectionString))
            {
                failures.Add($"{StorageOptions.SectionName}:Azure service URIs are absolute https addresses ({uri} is not).");
            }
        }

        // The emulator's well-known account key is public, and plain HTTP carries the account's key and every case's
        // sealed events in the clear: only a developer's machine may use either.
        if (environment is not null && !environment.IsDevelopment() && !string.IsNullOrWhiteSpace(azure.ConnectionString) && UnsafeConnection(azure.ConnectionString))
        {
            failures.Add($"{StorageOptions.SectionName}:Azure:ConnectionString names the local emulator or plain HTTP, which the {environment.EnvironmentName} environment refuses: give a real account over HTTPS (or service URIs with a managed identity).");
        }

        if (!PrefixPattern().IsMatch(azure.Prefix ?? ""))
        {
            failures.Add($"{StorageOptions.SectionName}:Azure:Prefix is 1–20 letters and digits, a letter first.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The emulator (by its shortcut or its well-known account), or an endpoint over plain HTTP.</summary>
    internal static bool UnsafeConnection(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .Any(pair => (pair[0], pair[1]) switch
            {
                ({ } key, { } value) when key.Equals("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase) => value.Equals("true", StringComparison.OrdinalIgnoreCase),
                ({ } key, { } value) when key.Equals("AccountName", StringComparison.OrdinalIgnoreCase) => value.Equals("devstoreaccount1", StringComparison.OrdinalIgnoreCase),
                ({ } key, { } value) when key.Equals("DefaultEndpointsProtocol", StringComparison.OrdinalIgnoreCase) => value.Equals("http", StringComparison.OrdinalIgnoreCase),
                ({ } key, { } value) when key.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase) => value.StartsWith("http://", StringComparison.OrdinalIgnoreCase),
                _ => false,
            });

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    private static partial Regex PrefixPattern();
}
