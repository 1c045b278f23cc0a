using System.Text.Json;
using Azure.Data.Tables;
using CaseGrid.Domain.Privacy;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>The partner index in an Azure table: one row per case (partition = case id), replaced at each write.</summary>
public sealed class AzureCasePartnerIndex(AzureCaseTables tables, TimeProvider clock) : ICasePartnerIndex
{
    /// <inheritdoc />
    public async Task WriteAsync(string caseId, PartnerReach reach, long version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var table = await tables.PartnerIndexAsync();
        await table.UpsertEntityAsync(
            new TableEntity(caseId, "reach")
            {
                ["Units"] = JsonSerializer.Serialize(reach.Units),
                ["PartnerConsent"] = reach.Consent,
                ["Version"] = version,
                ["UpdatedAt"] = clock.GetUtcNow(),
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }
}
