using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseGrid.Contracts.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseGrid.Api.Tests;

/// <summary>A host that sends work-list mail to a real SMTP server the tests start.</summary>
public sealed class MailHost : IAsyncLifetime
{
    public const string PublicUrl = "https://casegrid.test.example/";

    public TestSmtpServer Smtp { get; } = new TestSmtpServer().Start();

    public CaseGridApiFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        Factory.Settings["CaseGrid:Mail:Enabled"] = "true";
        Factory.Settings["CaseGrid:Mail:Host"] = "127.0.0.1";
        Factory.Settings["CaseGrid:Mail:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Factory.Settings["CaseGrid:Mail:Security"] = "None";
        Factory.Settings["CaseGrid:Mail:PublicUrl"] = PublicUrl;
        Factory.Settings["CaseGrid:Mail:PollInterval"] = "00:00:00.100";
        Factory.Settings["CaseGrid:Mail:BackoffBase"] = "00:00:00.200";
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Told when away: escalations and release moved earlier mailed at once, the rest in a daily digest, opt-out per kind;
/// a mail carries a link and the kind only, through a real SMTP server.
/// </summary>
public sealed class MailTests(MailHost host) : IClassFixture<MailHost>
{
    private static readonly string[] ReleaseMovedEarlierOnly = ["ReleaseMovedEarlier"];

    [Fact]
    public async Task AnEscalation_IsMailedAtOnce_WithALinkAndItsKindOnly()
    {
        using var world = await TestWorld.CreateAsync(host.Factory);
        var address = $"leder-{world.Suffix}@fengsel.example";
        await SetStaffEmailAsync(world, world.PrisonId, world.PrisonLeader, true, address);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);
        const string Reason = "HELSEMARKOR-LAR-behandling avbrutt";
        using (var decline = await world.Caseworker.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/decline", new { reason = Reason }))
        {
            await decline.OkJsonAsync();
        }

        var mail = await host.Smtp.WaitForAsync(address);

        Assert.Equal("CaseGrid: Eskalering til leder", mail.Subject);
        var text = mail.TextBody;
        Assert.Contains("Eskalering til leder", text, StringComparison.Ordinal);
        Assert.Contains($"{MailHost.PublicUrl}#/", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "Ola", "Nordmann", caseId, world.Suffix, "Bolig", "housing", Reason, "HELSE", world.PrisonLeader.Name, world.Colleague.Name, "Testfengsel", "Testkommune", handoverId })
        {
            Assert.DoesNotContain(secret, text + mail.Subject + mail.MessageId, StringComparison.OrdinalIgnoreCase);
        }

        Assert.EndsWith("@casegrid", mail.MessageId, StringComparison.Ordinal);
        Assert.Single(host.Smtp.To(address));
    }

    [Fact]
    public async Task AnOrphanedResponsibility_IsMailedAtOnce_ToTheLeaderOfTheUnitItsOwnerLeft()
    {
        using var world = await TestWorld.CreateAsync(host.Factory);
        var address = $"leder-{world.Suffix}@fengsel.example";
        await SetStaffEmailAsync(world, world.PrisonId, world.PrisonLeader, true, address);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();

        // Per, who owns housing, leaves the prison's staff: the case flags housing at once, and its leader hears of it.
        using (var removed = await world.Admin.Http.DeleteAsync($"/api/v1/units/{world.PrisonId}/staff/{world.Colleague.Id}"))
        {
            Assert.True(removed.IsSuccessStatusCode, $"Removing the owner from the staff answered {(int)removed.StatusCode}");
        }

        var mail = await host.Smtp.WaitForAsync(address);

        Assert.Equal("CaseGrid: Ansvarlig har sluttet ved enheten", mail.Subject);
        foreach (var secret in new[] { "Ola", "Nordmann", caseId, "Bolig", "housing", world.Colleague.Name, "Testfengsel" })
        {
            Assert.DoesNotContain(secret, mail.TextBody + mail.Subject, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Single(host.Smtp.To(address));
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task ReleaseMovedEarlier_IsMailedAtOnce_ToOwnersWithAnAddress_ButNotWhenTheyOptedOut()
    {
        using var world = await TestWorld.CreateAsync(host.Factory);
        var colleague = $"per-{world.Suffix}@fengsel.example";
        var officer = $"kari-{world.Suffix}@fengsel.example";
        await SetStaffEmailAsync(world, world.PrisonId, world.Colleague, false, colleague);
        await SetStaffEmailAsync(world, world.PrisonId, world.Officer, false, officer);
        using (var optOut = await world.Colleague.Http.PutAsJsonAsync("/api/v1/me/notifications", new { email = (string?)null, optOut = ReleaseMovedEarlierOnly }))
        {
            await optOut.OkJsonAsync();
        }

        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        using (var identify = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs/income-debt/identify", new { ownerId = world.Officer.Id }))
        {
            await identify.OkJsonAsync();
        }

        // Another officer moves the release earlier: Kari and Per own areas and must acknowledge; Per wants no mail of it.
        await world.AddMemberAsync(caseId, world.PrisonLeader.Id, world.PrisonLeader.Name, "Kontaktbetjent", "Prison", world.PrisonId);
        var dates = (await world.CaseAsync(caseId))["dates"]!.AsObject();
        dates["expectedRelease"] = Api.Today.AddDays(20).Iso();
        dates["earliestRelease"] = Api.Today.AddDays(20).Iso();
        using (var moved = await world.PrisonLeader.Http.PutAsJsonAsync($"/api/v1/cases/{caseId}/dates", new { dates, expectedVersion = (long?)null }))
        {
            await moved.OkJsonAsync();
        }

        var mail = await host.Smtp.WaitForAsync(officer);
        await Api.EventuallyAsync(() => WorkKindsAsync(world.Colleague), k => k.Contains("ReleaseMovedEarlier"), "Per's list has the change");

        Assert.Equal("CaseGrid: Løslatelse flyttet fram", mail.Subject);
        Assert.DoesNotContain(Api.Today.AddDays(20).Iso(), mail.TextBody, StringComparison.Ordinal);
        Assert.False(await QueuedAsync(host, $"item:{world.Colleague.Id}:"), "Per opted out, yet a mail was queued");
        Assert.Empty(host.Smtp.To(colleague));
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task OtherItems_WaitForTheDailyDigest_WhichCountsThemByKind()
    {
        using var world = await TestWorld.CreateAsync(host.Factory);
        var address = $"ingrid-{world.Suffix}@kommune.example";
        await SetStaffEmailAsync(world, world.MunicipalityId, world.Caseworker, false, address);
        var first = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var second = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        await world.OfferHousingAsync(first, world.MunicipalityId);
        await world.OfferHousingAsync(second, world.MunicipalityId);
        await Api.EventuallyAsync(() => WorkKindsAsync(world.Caseworker), k => k.Count(x => x == "HandoverOffered") == 2, "both offers in Ingrid's list");
        Assert.False(await QueuedAsync(host, $"item:{world.Caseworker.Id}:"), "an offer was mailed at once");

        // The digest hour comes: the list's durable reminder fires.
        var grains = host.Factory.Services.GetRequiredService<IGrainFactory>();
        await grains.WorkList(world.Caseworker.Id).AsReference<IRemindable>().ReceiveReminder("work-digest", new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));

        var digest = await host.Smtp.WaitForAsync(address);
        Assert.Equal("CaseGrid: 2 nye oppgaver", digest.Subject);
        Assert.Contains("2 × Overlevering tilbudt", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Ola", digest.TextBody, StringComparison.Ordinal);

        // The same day's digest is not queued twice, whatever fires again.
        await grains.WorkList(world.Caseworker.Id).AsReference<IRemindable>().ReceiveReminder("work-digest", new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));
        Assert.Single(host.Smtp.To(address));
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task AMailLeasedByAHostThatDied_IsSentOnce_WhenItsLeaseRunsOut()
    {
        var address = $"orphan-{Guid.NewGuid():N}@example.org";
        var key = $"item:u-orphan:{Guid.NewGuid():N}";
        await using (var cmd = host.Factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "INSERT INTO mail_outbox (mail_key, user_id, address, kinds, counts, lease_owner, lease_until) VALUES ($1, 'u-orphan', $2, '{Escalation}', '{1}', 'a-host-that-died', now() + interval '2 seconds')"))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address });
            await cmd.ExecuteNonQueryAsync();
        }

        var mail = await host.Smtp.WaitForAsync(address);

        Assert.Equal("CaseGrid: Eskalering til leder", mail.Subject);
        await Api.EventuallyAsync(async () => await StatusAsync(host, key), s => s == "sent", "the mail recorded as sent");
        Assert.Single(host.Smtp.To(address));
    }

    private static async Task SetStaffEmailAsync(TestWorld world, string unitId, TestWorld.User user, bool leader, string email)
    {
        using var response = await world.Admin.Http.PutAsJsonAsync($"/api/v1/units/{unitId}/staff/{user.Id}", new { displayName = user.Name, isLeader = leader, email });
        await response.OkJsonAsync();
        await Api.EventuallyAsync(
            async () =>
            {
                using var me = await user.Http.GetAsync("/api/v1/me/notifications");
                return (await me.OkJsonAsync()).Str("email");
            },
            e => e == email,
            $"{user.Id}'s address");
    }

    private static async Task<string[]> WorkKindsAsync(TestWorld.User user)
    {
        using var response = await user.Http.GetAsync("/api/v1/me/work");
        return [.. (await response.OkJsonAsync())["items"]!.AsArray().Select(i => i!.Str("kind")!)];
    }

    private static async Task<bool> QueuedAsync(MailHost host, string keyPrefix)
    {
        await using var cmd = host.Factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM mail_outbox WHERE starts_with(mail_key, $1)");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyPrefix });
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    private static async Task<string?> StatusAsync(MailHost host, string key)
    {
        await using var cmd = host.Factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT status FROM mail_outbox WHERE mail_key = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return (string?)await cmd.ExecuteScalarAsync();
    }
}
