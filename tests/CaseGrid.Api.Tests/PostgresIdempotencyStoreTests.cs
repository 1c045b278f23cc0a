using CaseGrid.Api.Infrastructure.Idempotency;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>The kept answers on PostgreSQL, as the API host registers them.</summary>
[Collection(SharedHost.Name)]
[Trait("Store", "PostgreSQL")]
public sealed class PostgresIdempotencyStoreTests(CaseGridApiFactory factory)
    : IdempotencyStoreContract(factory.Services.GetRequiredService<IIdempotencyStore>())
{
    [Fact]
    public void ThePostgreSqlStore_IsTheDefault()
    {
        Assert.IsType<PostgresIdempotencyStore>(factory.Services.GetRequiredService<IIdempotencyStore>());
    }
}
