using CaseGrid.Api.Audit;

namespace CaseGrid.Api.Tests;

/// <summary>The audit on Azure Storage (Azurite), in a table of this test process's own.</summary>
[Trait("Store", "Azure")]
public sealed class AzureAuditStoreTests() : AuditStoreContract(new AzureAuditStore(TestAzure.Clients));
