namespace CaseGrid.Api.Storage;

/// <summary>Which store CaseGrid keeps everything in.</summary>
public enum StorageProvider
{
    /// <summary>PostgreSQL: Orleans' ADO.NET providers and CaseGrid's own tables (the default).</summary>
    PostgreSQL,

    /// <summary>Azure Storage: Orleans' Azure Table and Blob providers and CaseGrid's own tables, no PostgreSQL.</summary>
    AzureStorage,
}
