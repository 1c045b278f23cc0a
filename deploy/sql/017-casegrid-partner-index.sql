-- CaseGrid: which partner systems could read each case at all — the units it concerns and whether the person consents
-- to sharing with partner systems — so the partner feed asks a case's grain only when the system may read the case,
-- and never wakes one it may not see. Kept by the case grain: widened before events that widen it are written,
-- narrowed after, so it never says less than the case. A case without a row (written before the index) is asked.
-- Idempotent: safe to run any number of times.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE TABLE IF NOT EXISTS public.case_partner_index
(
    case_id          text        NOT NULL,
    units            text[]      NOT NULL,
    partner_consent  boolean     NOT NULL,
    version          bigint      NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT case_partner_index_pkey PRIMARY KEY (case_id)
);

COMMIT;
