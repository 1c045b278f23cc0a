-- The command id a client sent with the command that wrote the event (a hub command id or an Idempotency-Key), so a
-- command asked again after its answer was lost is found and never applied twice, on any activation of the case.
ALTER TABLE public.case_events ADD COLUMN IF NOT EXISTS command_id text NULL;
CREATE INDEX IF NOT EXISTS case_events_command ON public.case_events (case_id, command_id) WHERE command_id IS NOT NULL;
