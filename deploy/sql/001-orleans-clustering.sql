-- CaseGrid: PostgreSQL schema + stored queries for Orleans ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet 10.4.2, invariant "Npgsql").
--
-- Idempotent: safe to run any number of times on a database that already has it.
-- Run the file as-is (it has its own BEGIN/COMMIT); do not wrap it in an outer transaction.
--
-- Contract notes (from the 10.4.2 provider code):
--   * At start-up the provider runs "SELECT QueryKey, QueryText FROM OrleansQuery" and refuses to start
--     ("Not all required queries found") unless these keys exist: GatewaysQueryKey, MembershipReadRowKey,
--     MembershipReadAllKey, InsertMembershipVersionKey, UpdateIAmAlivetimeKey, InsertMembershipKey,
--     UpdateMembershipKey, DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey.
--   * CleanupDefunctSiloEntryKey is optional; when present (it is here) 10.4.2 prunes Dead rows one by one,
--     deleting a row only if it still holds the exact values the silo read.
--   * Parameters are bound by name (@DeploymentId, @Address, ...); result columns are read by name.
--   * Conditional writes return one integer column: >0 = success, 0 = lost the optimistic-concurrency race.
--   * Unquoted identifiers: PostgreSQL folds them to lower case, and the queries rely on that.

BEGIN;

SET LOCAL client_min_messages = warning;   -- hide "already exists, skipping" notices on re-runs
-- Serialise concurrent schema runs (several silos may apply the scripts at the same moment).
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- One row per cluster (DeploymentId = ClusterId); Version is the membership table's optimistic-concurrency token.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Heartbeat. Never moves IAmAliveTime backwards (a delayed heartbeat must not undo a newer one).
CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    deployment_id  varchar,
    address_arg    varchar,
    port_arg       integer,
    generation_arg integer,
    i_am_alive_time timestamptz)
RETURNS void
LANGUAGE plpgsql AS
$func$
BEGIN
    UPDATE OrleansMembershipTable AS m
    SET    IAmAliveTime = GREATEST(m.IAmAliveTime, i_am_alive_time)
    WHERE  m.DeploymentId = deployment_id AND deployment_id IS NOT NULL
      AND  m.Address = address_arg AND address_arg IS NOT NULL
      AND  m.Port = port_arg AND port_arg IS NOT NULL
      AND  m.Generation = generation_arg AND generation_arg IS NOT NULL;
END
$func$;

-- Creates the cluster's version row. Returns 1 if created, 0 if it already existed.
CREATE OR REPLACE FUNCTION insert_membership_version(
    DeploymentIdArg varchar)
RETURNS TABLE(row_count integer)
LANGUAGE plpgsql AS
$func$
DECLARE
    n integer := 0;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    SELECT DeploymentIdArg
    WHERE  DeploymentIdArg IS NOT NULL
    ON CONFLICT (DeploymentId) DO NOTHING;

    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN QUERY SELECT n;
END
$func$;

-- Inserts a silo row and bumps the table version, atomically and only if @Version still matches.
-- The nested block is a savepoint: if either step affects no row, both are undone and 0 is returned.
-- (Explicit RAISE instead of ASSERT, so it also works when plpgsql.check_asserts is off.)
CREATE OR REPLACE FUNCTION insert_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    SiloNameArg     varchar,
    HostNameArg     varchar,
    StatusArg       integer,
    ProxyPortArg    integer,
    StartTimeArg    timestamptz,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE(row_count integer)
LANGUAGE plpgsql AS
$func$
DECLARE
    n integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET    Timestamp = now(),
               Version = Version + 1
        WHERE  DeploymentId = DeploymentIdArg AND DeploymentIdArg IS NOT NULL
          AND  Version = VersionArg AND VersionArg IS NOT NULL
          AND  Version < 2147483647;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RAISE EXCEPTION 'membership version mismatch' USING ERRCODE = 'assert_failure';
        END IF;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES
            (DeploymentIdArg, AddressArg, PortArg, GenerationArg, SiloNameArg, HostNameArg, StatusArg, ProxyPortArg, StartTimeArg, IAmAliveTimeArg)
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RAISE EXCEPTION 'membership row already exists' USING ERRCODE = 'assert_failure';
        END IF;
    EXCEPTION
        WHEN assert_failure THEN
            n := 0;
    END;
    RETURN QUERY SELECT n;
END
$func$;

-- Updates a silo row and bumps the table version, atomically and only if @Version still matches.
CREATE OR REPLACE FUNCTION update_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    StatusArg       integer,
    SuspectTimesArg varchar,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE(row_count integer)
LANGUAGE plpgsql AS
$func$
DECLARE
    n integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET    Timestamp = now(),
               Version = Version + 1
        WHERE  DeploymentId = DeploymentIdArg AND DeploymentIdArg IS NOT NULL
          AND  Version = VersionArg AND VersionArg IS NOT NULL
          AND  Version < 2147483647;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RAISE EXCEPTION 'membership version mismatch' USING ERRCODE = 'assert_failure';
        END IF;

        UPDATE OrleansMembershipTable
        SET    Status = StatusArg,
               SuspectTimes = SuspectTimesArg,
               IAmAliveTime = GREATEST(IAmAliveTime, IAmAliveTimeArg)
        WHERE  DeploymentId = DeploymentIdArg AND DeploymentIdArg IS NOT NULL
          AND  Address = AddressArg AND AddressArg IS NOT NULL
          AND  Port = PortArg AND PortArg IS NOT NULL
          AND  Generation = GenerationArg AND GenerationArg IS NOT NULL;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'assert_failure';
        END IF;
    EXCEPTION
        WHEN assert_failure THEN
            n := 0;
    END;
    RETURN QUERY SELECT n;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('UpdateIAmAlivetimeKey', '
    SELECT update_i_am_alive_time(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);
'),
('InsertMembershipVersionKey', '
    SELECT row_count FROM insert_membership_version(@DeploymentId);
'),
('InsertMembershipKey', '
    SELECT row_count FROM insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
'),
('UpdateMembershipKey', '
    SELECT row_count FROM update_membership(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
'),
-- The version row is always returned (LEFT JOIN) so the provider gets the table version even with no silo row.
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON  m.DeploymentId = v.DeploymentId
        AND m.Address = @Address AND @Address IS NOT NULL
        AND m.Port = @Port AND @Port IS NOT NULL
        AND m.Generation = @Generation AND @Generation IS NOT NULL
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
    DELETE FROM OrleansMembershipVersionTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
-- Status 3 = Active.
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Status = @Status AND @Status IS NOT NULL
      AND ProxyPort > 0;
'),
-- Required key; used only if CleanupDefunctSiloEntryKey were missing. Conservative: Dead (6) rows
-- that are older than the cut-off and carry no suspicion votes.
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '''') = ''''
      AND Status = 6;
'),
-- Optional key (10.4.x): delete one Dead row only if it still holds exactly the values the provider read.
('CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
      AND Address = @Address AND Port = @Port AND Generation = @Generation
      AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
      AND COALESCE(SuspectTimes, '''') = COALESCE(@SuspectTimes, '''');
')
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;

COMMIT;
