namespace CaseGrid.Api.Storage;

/// <summary>Where CaseGrid keeps its state (section <c>CaseGrid:Storage</c>): PostgreSQL by default, or Azure Storage.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Storage";

    /// <summary>The store; <see cref="StorageProvider.PostgreSQL"/> unless set.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.PostgreSQL;

    /// <summary>The Azure Storage account, when <see cref="Provider"/> is <see cref="StorageProvider.AzureStorage"/>.</summary>
    public AzureStorageOptions Azure { get; set; } = new();

    /// <summary>The options as configured, validated: a host refuses to start on a store it cannot run on.</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<StorageOptions>() ?? new();
        var result = new StorageOptionsValidator().Validate(null, options);
        return result.Failed ? throw new Microsoft.Extensions.Options.OptionsValidationException(SectionName, typeof(StorageOptions), result.Failures) : options;
    }
}
