using CaseGrid.Api.Storage;
using Microsoft.Extensions.Hosting.Internal;

namespace CaseGrid.Api.Tests;

/// <summary>Outside Development, an Azure Storage account is a real one over HTTPS: never the emulator, never plain HTTP.</summary>
public sealed class StorageOptionsValidatorTests
{
    private const string Emulator = "UseDevelopmentStorage=true";
    private const string AzuriteAccount = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
    private const string RealAccount = "DefaultEndpointsProtocol=https;AccountName=casegridprod;AccountKey=a2V5;EndpointSuffix=core.windows.net";

    [Theory]
    [InlineData(Emulator)]
    [InlineData(AzuriteAccount)]
    [InlineData("AccountName=casegridprod;AccountKey=a2V5;TableEndpoint=http://casegridprod.table.core.windows.net")]
    [InlineData("AccountName=casegridprod;AccountKey=a2V5;DefaultEndpointsProtocol=http")]
    public void TheEmulatorOrPlainHttp_IsRefusedInProduction_NamingTheSetting(string connectionString)
    {
        var result = Validate("Production", connectionString);

        Assert.True(result.Failed);
        Assert.Contains("CaseGrid:Storage:Azure:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Emulator)]
    [InlineData(AzuriteAccount)]
    public void TheEmulator_IsAllowedInDevelopment(string connectionString) => Assert.True(Validate("Development", connectionString).Succeeded);

    [Fact]
    public void ARealAccountOverHttps_IsAllowedInProduction() => Assert.True(Validate("Production", RealAccount).Succeeded);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, string connectionString) =>
        new StorageOptionsValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new StorageOptions { Provider = StorageProvider.AzureStorage, Azure = new AzureStorageOptions { ConnectionString = connectionString } });
}
