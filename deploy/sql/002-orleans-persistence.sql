-- CaseGrid: PostgreSQL schema + stored queries for Orleans ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2, invariant "Npgsql").
--
-- Idempotent: safe to run any number of times on a database that already has it.
-- Run the file as-is (it has its own BEGIN/COMMIT); do not wrap it in an outer transaction.
--
-- Contract notes (from the 10.4.2 provider code):
--   * At start-up the provider loads WriteToStorageKey, ReadFromStorageKey, ClearStorageKey (required) and
--     DeleteStorageKey (required only with AdoNetGrainStorageOptions.DeleteStateOnClear = true) from OrleansQuery.
--   * Parameters: @GrainIdHash int, @GrainIdN0 bigint, @GrainIdN1 bigint, @GrainTypeHash int,
--     @GrainTypeString, @GrainIdExtensionString (NULL when the grain has no string key/extension),
--     @ServiceId, @GrainStateVersion int (NULL = never read/written), @PayloadBinary bytea.
--   * Read returns columns PayloadBinary, Version. Write returns NewGrainStateVersion; Clear/Delete return a
--     single version value. Returning the caller's old version (or nothing) means "version conflict" and the
--     provider throws InconsistentStateException.

BEGIN;

SET LOCAL client_min_messages = warning;   -- hide "already exists, skipping" notices on re-runs
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    grainidhash            integer                     NOT NULL,
    grainidn0              bigint                      NOT NULL,
    grainidn1              bigint                      NOT NULL,
    graintypehash          integer                     NOT NULL,
    graintypestring        varchar(512)                NOT NULL,
    grainidextensionstring varchar(512)                NULL,
    serviceid              varchar(150)                NOT NULL,
    payloadbinary          bytea                       NULL,
    modifiedon             timestamp without time zone NOT NULL,
    version                integer                     NULL
);

-- Lookup index used by every read/write/clear.
CREATE INDEX IF NOT EXISTS ix_orleansstorage
    ON OrleansStorage (grainidhash, graintypehash);

-- At most one state row per grain: makes a racing first write (split brain) lose cleanly instead of
-- inserting a duplicate row. Two partial indexes because a NULL extension string is a key of its own
-- (a plain unique index would let duplicate NULL rows through).
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain_ext
    ON OrleansStorage (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring, grainidextensionstring)
    WHERE grainidextensionstring IS NOT NULL;

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain_noext
    ON OrleansStorage (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring)
    WHERE grainidextensionstring IS NULL;

-- Optimistic-concurrency write. Returns the new version, or the unchanged (caller's) version on conflict.
CREATE OR REPLACE FUNCTION writetostorage(
    _grainidhash integer,
    _grainidn0 bigint,
    _grainidn1 bigint,
    _graintypehash integer,
    _graintypestring character varying,
    _grainidextensionstring character varying,
    _serviceid character varying,
    _grainstateversion integer,
    _payloadbinary bytea)
RETURNS TABLE(newgrainstateversion integer)
LANGUAGE plpgsql AS
$func$
DECLARE
    _newversion integer := _grainstateversion;
    n integer := 0;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        -- The state was read (or written) before: compare-and-swap on the version.
        UPDATE OrleansStorage
        SET    payloadbinary = _payloadbinary,
               modifiedon = (now() AT TIME ZONE 'utc'),
               version = version + 1
        WHERE  grainidhash = _grainidhash AND _grainidhash IS NOT NULL
          AND  graintypehash = _graintypehash AND _graintypehash IS NOT NULL
          AND  grainidn0 = _grainidn0 AND _grainidn0 IS NOT NULL
          AND  grainidn1 = _grainidn1 AND _grainidn1 IS NOT NULL
          AND  graintypestring = _graintypestring AND _graintypestring IS NOT NULL
          AND  grainidextensionstring IS NOT DISTINCT FROM _grainidextensionstring
          AND  serviceid = _serviceid AND _serviceid IS NOT NULL
          AND  version IS NOT NULL AND version = _grainstateversion;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN
            _newversion := _grainstateversion + 1;
        END IF;
    ELSE
        -- First write: only succeeds if no row exists for this grain yet.
        INSERT INTO OrleansStorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
             serviceid, payloadbinary, modifiedon, version)
        SELECT _grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring, _grainidextensionstring,
               _serviceid, _payloadbinary, (now() AT TIME ZONE 'utc'), 1
        WHERE NOT EXISTS
        (
            SELECT 1 FROM OrleansStorage
            WHERE grainidhash = _grainidhash AND _grainidhash IS NOT NULL
              AND graintypehash = _graintypehash AND _graintypehash IS NOT NULL
              AND grainidn0 = _grainidn0 AND _grainidn0 IS NOT NULL
              AND grainidn1 = _grainidn1 AND _grainidn1 IS NOT NULL
              AND graintypestring = _graintypestring AND _graintypestring IS NOT NULL
              AND grainidextensionstring IS NOT DISTINCT FROM _grainidextensionstring
              AND serviceid = _serviceid AND _serviceid IS NOT NULL
        )
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN
            _newversion := 1;
        END IF;
    END IF;

    RETURN QUERY SELECT _newversion;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('WriteToStorageKey', '
    SELECT newgrainstateversion AS NewGrainStateVersion
    FROM writetostorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
'),
('ReadFromStorageKey', '
    SELECT PayloadBinary, (now() AT TIME ZONE ''utc'') AS ReadOn, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
      AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
      AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
      AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
      AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL;
'),
-- Clear keeps the row (and its version) but drops the payload.
('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = (now() AT TIME ZONE ''utc''),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
      AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
      AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
      AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
      AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND Version IS NOT NULL AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version AS NewGrainStateVersion;
'),
-- Used instead of ClearStorageKey when DeleteStateOnClear = true; returns deleted version + 1.
('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
      AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
      AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
      AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
      AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND Version IS NOT NULL AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;

COMMIT;
