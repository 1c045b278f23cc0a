using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Infrastructure;

/// <summary>Settings of the HTTP surface.</summary>
public sealed class CaseGridApiOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Api";

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The PostgreSQL connection string (required on PostgreSQL; unused on Azure Storage).</summary>
    public string ConnectionString { get; set; } = "";
}
