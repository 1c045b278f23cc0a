using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CaseGrid.Api.Storage;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Api.Mail;

/// <summary>
/// The hosts' side of the mail outbox in an Azure table (<c>{prefix}mailoutbox</c>, one row per mail, partition = its
/// once-only key; the work lists' Azure outbox inserts them due at once). A lease is a conditional update under the row's
/// ETag, so of two hosts taking one mail only one gets it; every later change checks the lease is still this host's.
/// </summary>
public sealed class AzureMailOutboxStore(AzureStorageClients clients, TimeProvider clock) : IMailOutboxStore
{
    /// <summary>The table's name after the prefix (the same table the silo's work-list outbox writes).</summary>
    public const string TableName = "mailoutbox";

    private const string RowKey = "mail";

    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = clients.Tables.GetTableClient(clients.TableName(TableName));
        await table.CreateIfNotExistsAsync();
        return table;
    });

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutgoingMail>> ClaimAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        var table = await _table.Value;
        var now = clock.GetUtcNow();
        var due = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Status eq 'pending' and NextAttemptAt le {now} and LeaseUntil lt {now}"), cancellationToken: cancellationToken))
        {
            due.Add(row);
        }

        var claimed = new List<OutgoingMail>();
        foreach (var row in due.OrderBy(r => r.GetDateTimeOffset("NextAttemptAt")).ThenBy(r => r.Timestamp))
        {
            if (claimed.Count == max)
            {
                break;
            }

            row["LeaseOwner"] = owner;
            row["LeaseUntil"] = now + lease;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another host took it first.
                continue;
            }

            claimed.Add(Mail(row));
        }

        return claimed;
    }

    /// <inheritdoc />
    public Task<bool> SentAsync(OutgoingMail mail, string owner, CancellationToken cancellationToken) =>
        ChangeLeasedAsync(mail, owner, row =>
        {
            row["Status"] = "sent";
            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            row["SentAt"] = clock.GetUtcNow();
            row["LastError"] = null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> FailedAsync(OutgoingMail mail, string owner, string error, bool dead, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        ChangeLeasedAsync(mail, owner, row =>
        {
            row["Status"] = dead ? "dead" : "pending";
            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            row["LastError"] = error;
            row["NextAttemptAt"] = clock.GetUtcNow() + retryAfter;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(IEnumerable<OutgoingMail> mails, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        var any = false;
        foreach (var mail in mails)
        {
            any |= await ChangeLeasedAsync(mail, owner, _ => { }, cancellationToken);
        }

        return any;
    }

    /// <inheritdoc />
    public async Task<bool> ForgetSentAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var table = await _table.Value;
        var any = false;
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Status eq 'sent' and SentAt lt {clock.GetUtcNow() - age}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            any = true;
        }

        return any;
    }

    /// <summary>The id a mail is logged and sent under: the first 63 bits of the SHA-256 of its key, stable for the mail.</summary>
    public static long IdOf(string key) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0) & long.MaxValue;

    /// <summary>Change a mail this host holds the lease of, and give the lease back; false when it holds it no longer.</summary>
    private async Task<bool> ChangeLeasedAsync(OutgoingMail mail, string owner, Action<TableEntity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var table = await _table.Value;
        var found = await table.GetEntityIfExistsAsync<TableEntity>(mail.Key, RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row || row.GetString("LeaseOwner") != owner || row.GetString("Status") != "pending")
        {
            return false;
        }

        change(row);
        row["LeaseOwner"] = "";
        row["LeaseUntil"] = DateTimeOffset.UnixEpoch;
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private static OutgoingMail Mail(TableEntity row)
    {
        var kinds = (row.GetString("Kinds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(k => Enum.TryParse<WorkItemKind>(k, out var kind) ? kind : (WorkItemKind?)null);
        var counts = (row.GetString("Counts") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture));
        var known = kinds.Zip(counts).Where(p => p.First is not null).ToList();
        return new OutgoingMail(
            IdOf(row.PartitionKey), row.PartitionKey, row.GetString("Address"),
            [.. known.Select(p => p.First!.Value)], [.. known.Select(p => p.Second)], row.GetInt32("Attempts") ?? 0);
    }
}
