-- CaseGrid: PostgreSQL schema + stored queries for the Orleans ADO.NET reminder table (Microsoft.Orleans.Reminders.AdoNet 10.4.2, invariant "Npgsql").
--
-- Idempotent: safe to run any number of times on a database that already has it.
-- Run the file as-is (it has its own BEGIN/COMMIT); do not wrap it in an outer transaction.
--
-- Contract notes (from the 10.4.2 provider code):
--   * Required keys: ReadReminderRowsKey, ReadRangeRows1Key, ReadRangeRows2Key, ReadReminderRowKey,
--     UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey.
--   * Parameters: @ServiceId, @GrainId (GrainId.ToString()), @ReminderName, @StartTime (UTC),
--     @Period (milliseconds, int or bigint), @GrainHash / @BeginHash / @EndHash (uint hashes passed as int),
--     @Version (the reminder's ETag).
--   * Reads return GrainId, ReminderName, StartTime, Period, Version. Upsert returns the new Version;
--     delete returns the number of rows deleted (0 = ETag mismatch).

BEGIN;

SET LOCAL client_min_messages = warning;   -- hide "already exists, skipping" notices on re-runs
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(512)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Each silo periodically reads the reminders of its hash-ring range.
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Insert or update a reminder; returns its new version (0 on insert, +1 on each update).
CREATE OR REPLACE FUNCTION upsert_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    StartTimeArg    timestamptz,
    PeriodArg       bigint,
    GrainHashArg    integer)
RETURNS TABLE(version integer)
LANGUAGE plpgsql AS
$func$
#variable_conflict use_column
DECLARE
    v integer := 0;
BEGIN
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (ServiceIdArg, GrainIdArg, ReminderNameArg, StartTimeArg, PeriodArg, GrainHashArg, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = EXCLUDED.StartTime,
            Period    = EXCLUDED.Period,
            GrainHash = EXCLUDED.GrainHash,
            Version   = CASE WHEN r.Version < 2147483647 THEN r.Version + 1 ELSE 0 END
    RETURNING r.Version INTO STRICT v;

    RETURN QUERY SELECT v;
END
$func$;

-- Delete a reminder if its version (ETag) still matches; returns rows deleted (0 or 1).
CREATE OR REPLACE FUNCTION delete_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    VersionArg      integer)
RETURNS TABLE(row_count integer)
LANGUAGE plpgsql AS
$func$
DECLARE
    n integer := 0;
BEGIN
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = ServiceIdArg AND ServiceIdArg IS NOT NULL
      AND GrainId = GrainIdArg AND GrainIdArg IS NOT NULL
      AND ReminderName = ReminderNameArg AND ReminderNameArg IS NOT NULL
      AND Version = VersionArg AND VersionArg IS NOT NULL;
    GET DIAGNOSTICS n = ROW_COUNT;

    RETURN QUERY SELECT n;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('UpsertReminderRowKey', '
    SELECT version AS Version
    FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash);
'),
('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND GrainId = @GrainId AND @GrainId IS NOT NULL;
'),
('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND GrainId = @GrainId AND @GrainId IS NOT NULL
      AND ReminderName = @ReminderName AND @ReminderName IS NOT NULL;
'),
-- Non-wrapping ring range (BeginHash < EndHash as signed ints): (BeginHash, EndHash].
('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND GrainHash > @BeginHash AND @BeginHash IS NOT NULL
      AND GrainHash <= @EndHash AND @EndHash IS NOT NULL;
'),
-- Wrapping ring range: everything above BeginHash or at/below EndHash.
('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND ((GrainHash > @BeginHash AND @BeginHash IS NOT NULL)
        OR (GrainHash <= @EndHash AND @EndHash IS NOT NULL));
'),
('DeleteReminderRowKey', '
    SELECT row_count FROM delete_reminder_row(@ServiceId, @GrainId, @ReminderName, @Version);
'),
('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;

COMMIT;
