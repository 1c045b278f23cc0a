using Microsoft.AspNetCore.TestHost;

namespace CaseGrid.Api.Tests;

/// <summary>Two API hosts on one cluster: A serves the API beside the silo, B is a separate Orleans client.</summary>
public sealed class TwoHosts : IAsyncLifetime
{
    public CaseGridApiFactory A { get; } = new();

    public ApiHostFactory B { get; private set; } = null!;

    public TestServer ServerA => A.Server;

    public TestServer ServerB => B.Server;

    public Task InitializeAsync()
    {
        _ = A.Server;
        B = new ApiHostFactory(A);
        _ = B.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

/// <summary>The realtime tests share one pair of hosts.</summary>
[CollectionDefinition(Name)]
public sealed class TwoHostsGroup : ICollectionFixture<TwoHosts>
{
    public const string Name = "Two API hosts";
}
