-- CaseGrid: the feed's clock belongs to the database, not to the PostgreSQL instance it runs on.
--
-- A feed position is (tx, seq), tx being the id of the transaction that wrote the event (012-casegrid-feed.sql). Ids
-- are the instance's own: a database restored from a backup into another instance (a fresh one after a loss, or a
-- newer PostgreSQL) meets ids that may lie far below the positions in its log and in partners' hands, and every event
-- written there would sort before them — a partner resuming from its position would never see one. So events take
-- their tx from the feed's clock: the instance's transaction id plus an offset kept in the database (0 until it is
-- needed). The migration step calls casegrid_feed_clock_catch_up() each time it runs; after a restore it moves the
-- clock on, beyond the next 2^32 boundary past the newest position in the log, so new events follow every position
-- handed out before — even of events written after the backup and lost with the old instance.
--
-- The application reads the clock and never sets it (090-casegrid-grants.sql).

CREATE TABLE IF NOT EXISTS public.feed_clock
(
    singleton boolean NOT NULL DEFAULT true,
    "offset"  numeric NOT NULL DEFAULT 0,
    moved_at  timestamptz NULL,
    CONSTRAINT feed_clock_pkey PRIMARY KEY (singleton),
    CONSTRAINT feed_clock_one_row CHECK (singleton),
    CONSTRAINT feed_clock_offset CHECK ("offset" >= 0)
);

INSERT INTO public.feed_clock (singleton, "offset") VALUES (true, 0) ON CONFLICT (singleton) DO NOTHING;

-- The clock as the writing transaction reads it: its own id, moved on by the offset.
CREATE OR REPLACE FUNCTION public.casegrid_feed_tx()
RETURNS xid8
LANGUAGE sql STABLE AS
$func$
    SELECT (pg_current_xact_id()::text::numeric + COALESCE((SELECT "offset" FROM public.feed_clock), 0))::text::xid8
$func$;

-- Readers take events of transactions older than every one still running, on the same clock.
CREATE OR REPLACE FUNCTION public.casegrid_feed_horizon()
RETURNS xid8
LANGUAGE sql STABLE AS
$func$
    SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::numeric + COALESCE((SELECT "offset" FROM public.feed_clock), 0))::text::xid8
$func$;

ALTER TABLE public.case_events ALTER COLUMN tx SET DEFAULT public.casegrid_feed_tx();

-- Called by the migration step, before CaseGrid starts on the database: when the newest position in the log is not
-- behind the clock (a restore into another instance), the clock moves on. Returns whether it moved.
CREATE OR REPLACE FUNCTION public.casegrid_feed_clock_catch_up()
RETURNS boolean
LANGUAGE plpgsql AS
$func$
DECLARE
    epoch   constant numeric := 4294967296;
    newest  numeric;
    current numeric := pg_current_xact_id()::text::numeric;
    clock   numeric;
BEGIN
    SELECT tx::text::numeric INTO newest FROM public.case_events ORDER BY tx DESC, seq DESC LIMIT 1;
    SELECT current + "offset" INTO clock FROM public.feed_clock FOR UPDATE;
    IF newest IS NULL OR newest < clock THEN
        RETURN false;
    END IF;

    UPDATE public.feed_clock
    SET "offset" = (floor(newest / epoch) + 2) * epoch - current,
        moved_at = now();
    RETURN true;
END
$func$;

REVOKE ALL ON FUNCTION public.casegrid_feed_clock_catch_up() FROM PUBLIC;
