namespace CaseGrid.Api.Tests;

/// <summary>The test classes that share one host: starting a silo costs seconds, so it is started once.</summary>
[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<CaseGridApiFactory>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "CaseGrid API";
}
