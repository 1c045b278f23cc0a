-- A digest of the command that wrote the event, beside its command id: the case itself tells a command sent again
-- (the same digest: answered with the events it wrote) from another command under an id already used (refused), so a
-- hub command needs no separate claim in the idempotency store before and after it.
ALTER TABLE public.case_events ADD COLUMN IF NOT EXISTS command_hash text NULL;
