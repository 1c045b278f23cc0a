using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Storage;

/// <summary>
/// Checks <see cref="StorageOptions"/> on start: the provider is one CaseGrid knows, and an Azure account is named one way
/// or the other, with a usable prefix.
/// </summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
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

        if (!PrefixPattern().IsMatch(azure.Prefix ?? ""))
        {
            failures.Add($"{StorageOptions.SectionName}:Azure:Prefix is 1–20 letters and digits, a letter first.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    private static partial Regex PrefixPattern();
}
