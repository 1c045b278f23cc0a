using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Storage;

/// <summary>
/// Checks <see cref="StorageOptions"/> on start: an Azure account is named one way or the other, with a usable prefix; and
/// a store that does not yet hold every part of CaseGrid is refused, naming what it lacks, rather than run half on it.
/// </summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <summary>
    /// The parts of CaseGrid that have no Azure Storage implementation yet. While any is listed, CaseGrid does not start
    /// with <see cref="StorageProvider.AzureStorage"/>: the API would have nowhere to keep them.
    /// </summary>
    public static IReadOnlyList<string> NotYetOnAzureStorage { get; } =
    [
        "the partner feed (feed positions)",
        "the webhook outbox",
    ];

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

        if (NotYetOnAzureStorage.Count > 0)
        {
            failures.Add($"{StorageOptions.SectionName}:Provider=AzureStorage is not complete: the case event log, case keys, partner index, idempotency keys, the audit log, "
                + $"the mail outbox and Orleans clustering, grain state and reminders run on Azure Storage, but {string.Join(", ", NotYetOnAzureStorage)} do not yet. "
                + "CaseGrid does not start on a store that cannot keep everything; use PostgreSQL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    private static partial Regex PrefixPattern();
}
