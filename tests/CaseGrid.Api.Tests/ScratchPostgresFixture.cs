namespace CaseGrid.Api.Tests;

/// <summary>One fresh PostgreSQL instance (<see cref="ScratchPostgres"/>) for the tests of migrations, upgrades and restores.</summary>
public sealed class ScratchPostgresFixture : IAsyncLifetime
{
    /// <summary>The instance.</summary>
    public ScratchPostgres Instance { get; private set; } = null!;

    public async Task InitializeAsync() => Instance = await ScratchPostgres.StartAsync();

    public async Task DisposeAsync() => await Instance.DisposeAsync();
}
