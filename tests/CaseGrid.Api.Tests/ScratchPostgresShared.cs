namespace CaseGrid.Api.Tests;

/// <summary>The tests that make databases on a fresh PostgreSQL instance of their own share one, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ScratchPostgresShared : ICollectionFixture<ScratchPostgresFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Scratch PostgreSQL";
}
