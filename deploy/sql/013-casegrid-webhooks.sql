-- CaseGrid: partner systems' webhook subscriptions and their delivery queue. Idempotent: safe to run any number of times.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

-- One row per subscription. The system it belongs to is kept as it registered (client, agency, unit): deliveries are
-- read from the feed as that system. cursor_tx/cursor_seq is the feed position up to which deliveries are queued.
-- A dispatcher works on a subscription only while it holds its lease (claimed with FOR UPDATE SKIP LOCKED), so one
-- API host at a time queues and sends its deliveries, in order.
CREATE TABLE IF NOT EXISTS public.webhook_subscriptions
(
    id            text        NOT NULL,
    client_id     text        NOT NULL,
    display_name  text        NOT NULL,
    agency        text        NOT NULL,
    unit_id       text        NULL,
    url           text        NOT NULL,
    secret        text        NOT NULL,   -- needed to sign every delivery; never logged, shown to the system once
    cursor_tx     xid8        NOT NULL,
    cursor_seq    bigint      NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    lease_owner   text        NULL,
    lease_until   timestamptz NULL,
    polled_at     timestamptz NULL,
    CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS webhook_subscriptions_client ON public.webhook_subscriptions (client_id);

-- One row per event and subscription, in feed order. Only ids are queued: the event is read from its case, as the
-- system may see it then, when it is sent. status: pending → delivered | dead | withheld (the system may no longer
-- read the case); a dead delivery goes back to pending when the system asks for it again.
CREATE TABLE IF NOT EXISTS public.webhook_deliveries
(
    id               bigint      GENERATED ALWAYS AS IDENTITY,
    subscription_id  text        NOT NULL REFERENCES public.webhook_subscriptions (id) ON DELETE CASCADE,
    feed_tx          xid8        NOT NULL,
    feed_seq         bigint      NOT NULL,
    case_id          text        NOT NULL,
    version          bigint      NOT NULL,
    status           text        NOT NULL DEFAULT 'pending',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_status_code integer     NULL,
    last_error       text        NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz NULL,
    CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_deliveries_once UNIQUE (subscription_id, case_id, version),
    CONSTRAINT webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'dead', 'withheld'))
);

-- The head of each subscription's queue: its oldest pending delivery in feed order.
CREATE INDEX IF NOT EXISTS webhook_deliveries_pending
    ON public.webhook_deliveries (subscription_id, feed_tx, feed_seq) WHERE status = 'pending';

CREATE INDEX IF NOT EXISTS webhook_deliveries_dead
    ON public.webhook_deliveries (subscription_id, id) WHERE status = 'dead';

COMMIT;
