using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace CaseGrid.Api.Storage;

/// <summary>The table and blob service clients of the configured account, made once and shared.</summary>
public sealed class AzureStorageClients
{
    /// <summary>Clients for <paramref name="options"/> (already validated).</summary>
    public AzureStorageClients(AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Prefix = options.Prefix;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Tables = new TableServiceClient(options.ConnectionString);
            Blobs = new BlobServiceClient(options.ConnectionString);
            return;
        }

        var credential = new DefaultAzureCredential();
        Tables = new TableServiceClient(options.TableServiceUri ?? throw new ArgumentException("TableServiceUri is required.", nameof(options)), credential);
        Blobs = new BlobServiceClient(options.BlobServiceUri ?? throw new ArgumentException("BlobServiceUri is required.", nameof(options)), credential);
    }

    /// <summary>The table service.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>What every table and container name begins with.</summary>
    public string Prefix { get; }

    /// <summary>The name of a table of CaseGrid's, e.g. <c>casegridevents</c>.</summary>
    public string TableName(string name) => $"{Prefix}{name}";
}
