-- CaseGrid: case snapshots beside the event log. A snapshot is a case's folded state at one version, sealed under the
-- case's data key like its events (so erasing the key makes it unreadable, and erasing the case deletes it), and
-- marked with the version of the fold that made it: a case grain resumes from it and folds only the events after it.
-- The log stays the truth; a snapshot is only ever a shortcut and may be deleted at any time.
--
-- The table of that name from 010 (a plaintext jsonb state) was never written; it is replaced.
DROP TABLE IF EXISTS public.case_snapshots;

CREATE TABLE public.case_snapshots
(
    case_id      text        NOT NULL,
    version      bigint      NOT NULL,   -- the case version the state is at
    fold_version integer     NOT NULL,   -- the fold's code version that made it (CaseEvolver.FoldVersion)
    sealed       bytea       NOT NULL,   -- nonce ‖ tag ‖ ciphertext under the case's data key
    saved_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT case_snapshots_pkey PRIMARY KEY (case_id)
);
