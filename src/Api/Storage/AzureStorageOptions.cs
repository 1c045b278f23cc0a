namespace CaseGrid.Api.Storage;

/// <summary>
/// The Azure Storage account CaseGrid runs on (section <c>CaseGrid:Storage:Azure</c>): a connection string (Azurite, or an
/// account key), or the table and blob service URIs, reached with <c>DefaultAzureCredential</c> (a managed identity in Azure).
/// </summary>
public sealed class AzureStorageOptions
{
    /// <summary>A storage connection string; when set, the service URIs are not used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service, e.g. <c>https://account.table.core.windows.net/</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The blob service, e.g. <c>https://account.blob.core.windows.net/</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>
    /// What every table and container CaseGrid makes begins with (letters and digits, a letter first, at most 20), so one
    /// account can hold more than one deployment.
    /// </summary>
    public string Prefix { get; set; } = "casegrid";
}
