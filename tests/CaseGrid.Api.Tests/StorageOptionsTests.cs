using CaseGrid.Api.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Tests;

/// <summary>The store is chosen by configuration and checked before anything starts; an Azure account named wrongly is refused.</summary>
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

    private static IConfiguration Configuration(params (string Key, string Value)[] storage) =>
        new ConfigurationBuilder().AddInMemoryCollection(storage.Select(s => KeyValuePair.Create($"{StorageOptions.SectionName}:{s.Key}", (string?)s.Value))).Build();
}
