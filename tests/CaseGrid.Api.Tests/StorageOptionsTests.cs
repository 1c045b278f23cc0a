extern alias silo;

using CaseGrid.Api.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using silo::CaseGrid.Silo;

namespace CaseGrid.Api.Tests;

/// <summary>The store is chosen by configuration and checked before anything starts; an incomplete one is refused by name.</summary>
public sealed class StorageOptionsTests
{
    private const string Azurite = "UseDevelopmentStorage=true";

    [Fact]
    public void ByDefault_CaseGridRunsOnPostgreSql()
    {
        Assert.Equal(StorageProvider.PostgreSQL, StorageOptions.FromConfiguration(Configuration()).Provider);
    }

    [Fact]
    public void AzureStorage_WithoutAnAccount_OrWithABadPrefix_IsRefused()
    {
        var noAccount = Assert.Throws<OptionsValidationException>(() => StorageOptions.FromConfiguration(Configuration(("Provider", "AzureStorage"))));
        Assert.Contains("ConnectionString, or both TableServiceUri and BlobServiceUri", noAccount.Message, StringComparison.Ordinal);

        var badPrefix = Assert.Throws<OptionsValidationException>(() => StorageOptions.FromConfiguration(
            Configuration(("Provider", "AzureStorage"), ("Azure:ConnectionString", Azurite), ("Azure:Prefix", "9-bad"))));
        Assert.Contains("Prefix", badPrefix.Message, StringComparison.Ordinal);

        var plainHttp = Assert.Throws<OptionsValidationException>(() => StorageOptions.FromConfiguration(Configuration(
            ("Provider", "AzureStorage"), ("Azure:TableServiceUri", "http://account.table.core.windows.net/"), ("Azure:BlobServiceUri", "https://account.blob.core.windows.net/"))));
        Assert.Contains("https", plainHttp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureStorage_WhileAPartOfCaseGridHasNoAzureStore_IsRefused_NamingWhatIsMissing_BeforeTheSiloStarts()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StorageOptions.SectionName}:Provider"] = "AzureStorage",
            [$"{StorageOptions.SectionName}:Azure:ConnectionString"] = Azurite,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => builder.AddCaseGridSilo());

        Assert.NotEmpty(StorageOptionsValidator.NotYetOnAzureStorage);
        foreach (var missing in StorageOptionsValidator.NotYetOnAzureStorage)
        {
            Assert.Contains(missing, refused.Message, StringComparison.Ordinal);
        }

        Assert.Contains("use PostgreSQL", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] storage) =>
        new ConfigurationBuilder().AddInMemoryCollection(storage.Select(s => KeyValuePair.Create($"{StorageOptions.SectionName}:{s.Key}", (string?)s.Value))).Build();
}
