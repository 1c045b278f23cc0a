-- CaseGrid: idempotency keys for writes — a partner's retry of a write with the same Idempotency-Key gets the
-- first answer again instead of applying twice. Idempotent: safe to run any number of times.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE TABLE IF NOT EXISTS public.idempotency_keys
(
    caller        text        NOT NULL,   -- the user and, when a partner system acts, its client id
    key           text        NOT NULL,   -- the Idempotency-Key header as sent
    request_hash  text        NOT NULL,   -- method, path and body: the same key with another request is refused
    status_code   integer     NULL,       -- null while the first request is still being handled
    content_type  text        NULL,
    body          bytea       NULL,       -- the answer's body, sealed (AES-256-GCM) under the master key
    location      text        NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (caller, key)
);

CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON public.idempotency_keys (created_at);

-- The case a kept answer belongs to (erasing the case deletes its records); the body is sealed under the master key.
ALTER TABLE public.idempotency_keys ADD COLUMN IF NOT EXISTS case_id text NULL;
CREATE INDEX IF NOT EXISTS idempotency_keys_case ON public.idempotency_keys (case_id) WHERE case_id IS NOT NULL;

COMMIT;
