using CaseGrid.Api.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>The audit on PostgreSQL, as the API host registers it.</summary>
[Collection(SharedHost.Name)]
[Trait("Store", "PostgreSQL")]
public sealed class PostgresAuditStoreTests(CaseGridApiFactory factory)
    : AuditStoreContract(factory.Services.GetRequiredService<IAuditStore>());
