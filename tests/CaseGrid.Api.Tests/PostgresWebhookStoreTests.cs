using CaseGrid.Api.Partners;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>The webhook store on PostgreSQL, as the API host registers it.</summary>
[Collection(SharedHost.Name)]
[Trait("Store", "PostgreSQL")]
public sealed class PostgresWebhookStoreTests(CaseGridApiFactory factory) : WebhookStoreContract(factory.Services.GetRequiredService<IWebhookStore>())
{
    /// <inheritdoc />
    protected override FeedPosition Position(long n) => new((ulong)n + 1, n);
}
