-- CaseGrid: per-case data keys and erasure (crypto-shredding). Idempotent: safe to run any number of times.
--
-- Every case's events are sealed (AES-256-GCM) under a data key of the case's own; the key is stored here wrapped
-- (AES-256-GCM) under the deployment's master key, which is never in the database. Erasing a case deletes its key:
-- its events stay in the append-only log, unreadable by anyone, and the erasure itself is recorded (who, when, why;
-- no content). Events written before sealing existed keep their plaintext in the payload column.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE TABLE IF NOT EXISTS public.case_keys
(
    case_id     text        NOT NULL,
    master_key  text        NOT NULL,   -- which master key wrapped it (a fingerprint, never the key)
    wrapped_key bytea       NOT NULL,   -- nonce ‖ ciphertext ‖ tag of the 32-byte data key
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT case_keys_pkey PRIMARY KEY (case_id)
);

CREATE TABLE IF NOT EXISTS public.case_erasures
(
    case_id    text        NOT NULL,
    erased_at  timestamptz NOT NULL DEFAULT now(),
    erased_by  text        NOT NULL,   -- the user (or system:retention) that erased it
    client_id  text        NULL,       -- the partner system that acted, if any
    reason     text        NOT NULL,   -- a code: retention-expired, person-request, …
    CONSTRAINT case_erasures_pkey PRIMARY KEY (case_id)
);

CREATE OR REPLACE FUNCTION public.case_erasures_reject_change()
RETURNS trigger
LANGUAGE plpgsql AS
$func$
BEGIN
    RAISE EXCEPTION 'case_erasures is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$func$;

DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.case_erasures'::regclass AND tgname = 'case_erasures_no_update_delete' AND NOT tgisinternal) THEN
        CREATE TRIGGER case_erasures_no_update_delete BEFORE UPDATE OR DELETE ON public.case_erasures
            FOR EACH ROW EXECUTE FUNCTION public.case_erasures_reject_change();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.case_erasures'::regclass AND tgname = 'case_erasures_no_truncate' AND NOT tgisinternal) THEN
        CREATE TRIGGER case_erasures_no_truncate BEFORE TRUNCATE ON public.case_erasures
            FOR EACH STATEMENT EXECUTE FUNCTION public.case_erasures_reject_change();
    END IF;
END
$do$;

-- Sealed events: the payload column holds plaintext only for events from before sealing.
ALTER TABLE public.case_events ADD COLUMN IF NOT EXISTS sealed bytea NULL;
ALTER TABLE public.case_events ALTER COLUMN payload DROP NOT NULL;
DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.case_events'::regclass AND conname = 'case_events_one_payload') THEN
        ALTER TABLE public.case_events ADD CONSTRAINT case_events_one_payload CHECK ((payload IS NULL) <> (sealed IS NULL));
    END IF;
END
$do$;

COMMIT;
