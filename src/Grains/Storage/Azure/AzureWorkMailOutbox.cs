using Azure;
using Azure.Data.Tables;
using CaseGrid.Grains.Work;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>
/// Work-list mail queued in an Azure table (<c>{prefix}mailoutbox</c>, partition = the mail's key): an insert, so queuing
/// the same mail again changes nothing. The API hosts send from it (the API's Azure mail outbox store).
/// </summary>
public sealed class AzureWorkMailOutbox(TableServiceClient service, string prefix) : IWorkMailOutbox
{
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = service.GetTableClient($"{prefix}mailoutbox");
        await table.CreateIfNotExistsAsync();
        return table;
    });

    /// <inheritdoc />
    public async Task EnqueueAsync(OutboxMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var table = await _table.Value;
        try
        {
            await table.AddEntityAsync(
                new TableEntity(mail.Key, "mail")
                {
                    ["UserId"] = mail.UserId,
                    ["Address"] = mail.Address,
                    ["Kinds"] = string.Join(',', mail.Kinds),
                    ["Counts"] = string.Join(',', mail.Counts),
                    ["Status"] = "pending",
                    ["Attempts"] = 0,

                    // Due at once, and leased by no host.
                    ["NextAttemptAt"] = DateTimeOffset.UnixEpoch,
                    ["LeaseOwner"] = "",
                    ["LeaseUntil"] = DateTimeOffset.UnixEpoch,
                },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Queued before: once is enough.
        }
    }
}
