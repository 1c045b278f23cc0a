using Npgsql;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// The application's database role owns nothing and has only the rights it needs: whatever it is tricked into sending,
/// it cannot rewrite history — not drop or disable the append-only triggers, not update, delete or truncate events,
/// audit records or erasures, not create or drop tables. The schema belongs to the migration role.
/// </summary>
public sealed class DatabaseRoleTests
{
    [Theory]
    [InlineData("DROP TRIGGER case_events_no_update_delete ON case_events")]
    [InlineData("ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete")]
    [InlineData("ALTER TABLE case_events DISABLE TRIGGER USER")]
    [InlineData("DROP TRIGGER audit_log_no_update_delete ON audit_log")]
    [InlineData("DROP FUNCTION case_events_reject_change() CASCADE")]
    [InlineData("CREATE OR REPLACE FUNCTION case_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN OLD; END'")]
    [InlineData("DELETE FROM case_events")]
    [InlineData("UPDATE case_events SET actor_id = actor_id")]
    [InlineData("TRUNCATE case_events")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("UPDATE audit_log SET detail = NULL")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("DELETE FROM case_erasures")]
    [InlineData("DROP TABLE case_keys")]
    [InlineData("CREATE TABLE escape_hatch (x int)")]
    [InlineData("ALTER TABLE case_events OWNER TO casegrid")]
    [InlineData("SELECT casegrid_purge_audit(interval '30 days')")]
    [InlineData("DELETE FROM schema_migrations")]
    [InlineData("INSERT INTO schema_migrations (name, checksum, how) VALUES ('999-mine.sql', '', 'applied')")]
    [InlineData("UPDATE feed_clock SET \"offset\" = 0")]
    [InlineData("SELECT casegrid_feed_clock_catch_up()")]
    public async Task TheApplicationRole_IsRefused(string sql)
    {
        var db = await TestDatabase.GetAsync();
        await using var cmd = db.CreateCommand(sql);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task TheMigrationRole_PurgesOnlyAuditRecordsPastTheirRetention()
    {
        _ = await TestDatabase.GetAsync();
        await using var owner = NpgsqlDataSource.Create(TestDatabase.MigrationConnectionString);
        await using (var tooShort = owner.CreateCommand("SELECT casegrid_purge_audit(interval '1 day')"))
        {
            await Assert.ThrowsAsync<PostgresException>(() => tooShort.ExecuteScalarAsync());
        }

        await using var purge = owner.CreateCommand("SELECT casegrid_purge_audit(interval '200 years')");
        Assert.Equal(0L, await purge.ExecuteScalarAsync());
        await using var triggers = owner.CreateCommand("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_no_update_delete'");
        Assert.Equal('O', await triggers.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TheApplicationRole_OwnsNoTable_AndTheTriggersAreInPlace()
    {
        var db = await TestDatabase.GetAsync();
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user),
                   (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O'
                      AND tgname IN ('case_events_no_update_delete', 'case_events_no_truncate', 'audit_log_no_update_delete',
                                     'audit_log_no_truncate', 'case_erasures_no_update_delete', 'case_erasures_no_truncate')),
                   has_table_privilege('case_events', 'INSERT'), has_table_privilege('case_events', 'SELECT')
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(0, reader.GetInt64(0));
        Assert.Equal(6, reader.GetInt64(1));
        Assert.True(reader.GetBoolean(2), "the application appends events");
        Assert.True(reader.GetBoolean(3), "the application reads events");
    }
}
