-- CaseGrid: what the application may do. Applied last, by the migration role that owns the schema, on every run.
-- casegrid-migration: every run
--
-- The application logs in as a role that is a member of casegrid_app and owns nothing: it cannot drop, alter or
-- disable the append-only triggers of case_events and audit_log (only an owner can), and it has neither UPDATE,
-- DELETE nor TRUNCATE on them. The erasure records are append-only the same way. The role itself is created by
-- whoever sets the database up (deploy/pg.sh here; docs/operations.md for production).
-- Idempotent: safe to run any number of times.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casegrid_app') THEN
        RAISE EXCEPTION 'the role casegrid_app does not exist'
            USING HINT = 'Create it (CREATE ROLE casegrid_app NOLOGIN) and grant it to the role CaseGrid logs in as; docs/operations.md shows the roles.';
    END IF;
END
$do$;

-- Nothing the application may not do is left from an earlier grant, and nobody else gets anything by default.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, casegrid_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, casegrid_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC, casegrid_app;
GRANT USAGE ON SCHEMA public TO casegrid_app;

-- Working tables: read and write rows (never TRUNCATE, REFERENCES or TRIGGER).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO casegrid_app;

-- Append-only: the event log, the audit of reads, and the record of erasures.
REVOKE UPDATE, DELETE ON public.case_events, public.audit_log, public.case_erasures FROM casegrid_app;

-- Read-only: the providers' stored queries, the schema marker, the migration journal and the feed's clock.
REVOKE INSERT, UPDATE, DELETE ON public.orleansquery, public.schema_info, public.schema_migrations, public.feed_clock FROM casegrid_app;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO casegrid_app;

COMMIT;
