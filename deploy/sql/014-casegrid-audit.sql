-- CaseGrid: the audit of sensitive reads (domain §9). Changes are audited by the event log itself (who, which
-- system, when, what); this table holds every read of case data: who read, through which system, when, what, and
-- how much of the details they got. Append-only like the event log. Idempotent: safe to run any number of times.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE TABLE IF NOT EXISTS public.audit_log
(
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    text        NOT NULL,   -- the user, or system:{client} for a partner system on its own
    actor_name  text        NOT NULL,   -- as shown to the person in "who has seen my plan"
    client_id   text        NULL,       -- the partner system that acted, when not CaseGrid's own web app
    case_id     text        NULL,
    action      text        NOT NULL,   -- e.g. case.read, case.events, case.live-join, case.export-fhir, audit.query
    detail      text        NULL,       -- what exactly: a version, a meeting, a query; never health details
    access      text        NULL,       -- Full, HealthWithheld, DetailsWithheld; or Refused
    CONSTRAINT audit_log_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS audit_log_case_at ON public.audit_log (case_id, at);
CREATE INDEX IF NOT EXISTS audit_log_actor_at ON public.audit_log (actor_id, at);

CREATE OR REPLACE FUNCTION public.audit_log_reject_change()
RETURNS trigger
LANGUAGE plpgsql AS
$func$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$func$;

DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.audit_log'::regclass AND tgname = 'audit_log_no_update_delete' AND NOT tgisinternal) THEN
        CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON public.audit_log
            FOR EACH ROW EXECUTE FUNCTION public.audit_log_reject_change();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.audit_log'::regclass AND tgname = 'audit_log_no_truncate' AND NOT tgisinternal) THEN
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_reject_change();
    END IF;
END
$do$;

-- The audit's retention (docs/retention.md): records older than `keep` are deleted, by the migration role only (the
-- triggers are set aside for this one statement, inside the caller's transaction; the application may not run it).
CREATE OR REPLACE FUNCTION public.casegrid_purge_audit(keep interval)
RETURNS bigint
LANGUAGE plpgsql AS
$func$
DECLARE
    purged bigint;
BEGIN
    IF keep < interval '30 days' THEN
        RAISE EXCEPTION 'the audit is kept at least 30 days (asked: %)', keep;
    END IF;
    ALTER TABLE public.audit_log DISABLE TRIGGER audit_log_no_update_delete;
    DELETE FROM public.audit_log WHERE at < now() - keep;
    GET DIAGNOSTICS purged = ROW_COUNT;
    ALTER TABLE public.audit_log ENABLE TRIGGER audit_log_no_update_delete;
    RETURN purged;
END
$func$;

REVOKE ALL ON FUNCTION public.casegrid_purge_audit(interval) FROM PUBLIC;

COMMIT;
