-- CaseGrid: the outbox of work-list mail ("told when away"). Idempotent: safe to run any number of times.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

-- One row per mail. A user's work list decides the mail (at once for escalations and release moved earlier, a daily
-- digest for the rest) and queues it here under a key that makes it once only (item:{user}:{item} or
-- digest:{user}:{day}); a host that sends mail leases pending rows (FOR UPDATE SKIP LOCKED), sends them through SMTP
-- and marks them sent. Only the kinds of item and how many are kept: a mail never carries names, plan text or
-- health details. status: pending → sent | dead (out of attempts).
CREATE TABLE IF NOT EXISTS public.mail_outbox
(
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    mail_key        text        NOT NULL,
    user_id         text        NOT NULL,
    address         text        NOT NULL,
    kinds           text[]      NOT NULL,
    counts          integer[]   NOT NULL,
    status          text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_owner     text        NULL,
    lease_until     timestamptz NULL,
    last_error      text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz NULL,
    CONSTRAINT mail_outbox_pkey PRIMARY KEY (id),
    CONSTRAINT mail_outbox_once UNIQUE (mail_key),
    CONSTRAINT mail_outbox_status CHECK (status IN ('pending', 'sent', 'dead'))
);

CREATE INDEX IF NOT EXISTS mail_outbox_pending ON public.mail_outbox (next_attempt_at, id) WHERE status = 'pending';

COMMIT;
