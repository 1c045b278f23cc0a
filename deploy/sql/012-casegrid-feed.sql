-- CaseGrid: the partner feed's positions on the event log. Idempotent: safe to run any number of times.
--
-- A position is (tx, seq): the transaction that wrote the event and a global sequence number. Sequence numbers are
-- taken in one order and committed in another, so a reader that followed seq alone could pass an event whose
-- transaction commits after it read. Readers take only rows whose transaction is older than every transaction still
-- running (tx < pg_snapshot_xmin(pg_current_snapshot())): no event can later appear before a position once read.
BEGIN;

SET LOCAL client_min_messages = warning;
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('casegrid-schema')); END $$;

CREATE SEQUENCE IF NOT EXISTS public.case_events_feed_seq AS bigint;

DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_attribute
                   WHERE attrelid = 'public.case_events'::regclass AND attname = 'seq' AND NOT attisdropped) THEN
        -- pg_current_xact_id() is stable, so existing rows take this migration's transaction id without a rewrite;
        -- every later insert records its own.
        ALTER TABLE public.case_events ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();

        -- Existing rows are numbered in the order they were written, each case's versions in order, which the
        -- physical order of the table does not promise. The append-only trigger is set aside for this one backfill,
        -- inside this transaction: nothing else sees the table until it commits.
        ALTER TABLE public.case_events ADD COLUMN seq bigint NULL;
        ALTER TABLE public.case_events DISABLE TRIGGER case_events_no_update_delete;
        UPDATE public.case_events e
        SET seq = o.n
        FROM (SELECT case_id, version,
                     row_number() OVER (ORDER BY written, case_id, version) AS n
              FROM (SELECT case_id, version,
                           max(recorded_at) OVER (PARTITION BY case_id ORDER BY version ROWS UNBOUNDED PRECEDING) AS written
                    FROM public.case_events) w) o
        WHERE e.case_id = o.case_id AND e.version = o.version;
        ALTER TABLE public.case_events ENABLE TRIGGER case_events_no_update_delete;

        PERFORM setval('public.case_events_feed_seq', COALESCE((SELECT max(seq) FROM public.case_events), 0) + 1, false);
        ALTER TABLE public.case_events
            ALTER COLUMN seq SET DEFAULT nextval('public.case_events_feed_seq'),
            ALTER COLUMN seq SET NOT NULL;
        ALTER SEQUENCE public.case_events_feed_seq OWNED BY public.case_events.seq;
    END IF;
END
$do$;

CREATE UNIQUE INDEX IF NOT EXISTS case_events_feed_position ON public.case_events (tx, seq);

COMMIT;
