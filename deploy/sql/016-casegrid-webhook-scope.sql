-- CaseGrid: a webhook subscription belongs to its partner system *and* the unit the system acted for when it
-- subscribed, and keeps whether the system's token said it works in a security function. A subscription stored
-- before that was kept has NULL there and counts as a security function: absent role information never widens
-- access. Idempotent: safe to run any number of times.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

ALTER TABLE public.webhook_subscriptions ADD COLUMN IF NOT EXISTS security_function boolean NULL;

CREATE INDEX IF NOT EXISTS webhook_subscriptions_client_unit ON public.webhook_subscriptions (client_id, unit_id);

COMMIT;
