-- CaseGrid: application schema — append-only case event log (the source of truth), case snapshots, schema marker.
--
-- Idempotent: safe to run any number of times on a database that already has it.
-- Run the file as-is (it has its own BEGIN/COMMIT); do not wrap it in an outer transaction.

BEGIN;

SET LOCAL client_min_messages = warning;   -- hide "already exists, skipping" notices on re-runs
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

-- One row per event; (case_id, version) is the per-case sequence. Appending version N+1 twice fails with a
-- primary-key violation, which is the optimistic-concurrency check for writers.
CREATE TABLE IF NOT EXISTS public.case_events
(
    case_id     text        NOT NULL,
    version     bigint      NOT NULL,
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    actor_id    text        NOT NULL,
    client_id   text        NULL,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT case_events_pkey PRIMARY KEY (case_id, version),
    CONSTRAINT case_events_version_positive CHECK (version > 0)
);

-- Added after the first release of the table: the partner system that acted for the actor, if any.
ALTER TABLE public.case_events ADD COLUMN IF NOT EXISTS client_id text NULL;

-- The command id a client sent with the command that wrote the event (a hub command id or an Idempotency-Key), so a
-- command asked again after its answer was lost is found and never applied twice, on any activation of the case.
ALTER TABLE public.case_events ADD COLUMN IF NOT EXISTS command_id text NULL;
CREATE INDEX IF NOT EXISTS case_events_command ON public.case_events (case_id, command_id) WHERE command_id IS NOT NULL;

-- Append-only at the database level: UPDATE, DELETE and TRUNCATE are rejected.
CREATE OR REPLACE FUNCTION public.case_events_reject_change()
RETURNS trigger
LANGUAGE plpgsql AS
$func$
BEGIN
    RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a compensating event instead of changing history.';
END
$func$;

-- Triggers are created only when missing (rather than dropped and re-created on every run), so re-applying
-- the schema at each application start does not take an ACCESS EXCLUSIVE lock on the event log.
-- Their behaviour lives in the function above, which CREATE OR REPLACE keeps current.
DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                   WHERE tgrelid = 'public.case_events'::regclass
                     AND tgname = 'case_events_no_update_delete'
                     AND NOT tgisinternal) THEN
        CREATE TRIGGER case_events_no_update_delete
            BEFORE UPDATE OR DELETE ON public.case_events
            FOR EACH ROW EXECUTE FUNCTION public.case_events_reject_change();
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                   WHERE tgrelid = 'public.case_events'::regclass
                     AND tgname = 'case_events_no_truncate'
                     AND NOT tgisinternal) THEN
        CREATE TRIGGER case_events_no_truncate
            BEFORE TRUNCATE ON public.case_events
            FOR EACH STATEMENT EXECUTE FUNCTION public.case_events_reject_change();
    END IF;
END
$do$;

-- Latest known state per case: an optimisation only (rebuildable from case_events), freely overwritten.
CREATE TABLE IF NOT EXISTS public.case_snapshots
(
    case_id  text        NOT NULL,
    version  bigint      NOT NULL,
    state    jsonb       NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT case_snapshots_pkey PRIMARY KEY (case_id)
);

-- Which schema components are applied. applied_at = first application; updated_at = last version change.
CREATE TABLE IF NOT EXISTS public.schema_info
(
    component  text        NOT NULL,
    version    integer     NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT schema_info_pkey PRIMARY KEY (component)
);

INSERT INTO public.schema_info (component, version)
VALUES ('casegrid-events', 1)
ON CONFLICT (component) DO UPDATE
    SET version = EXCLUDED.version,
        updated_at = now()
    WHERE public.schema_info.version IS DISTINCT FROM EXCLUDED.version;

COMMIT;
