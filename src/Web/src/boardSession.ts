import { RejoinAfterPassingFailure } from './deadline';
import { Freshness } from './freshness';
import type { BoardChange, BoardJoined, UnitCaseEntry } from './types';

export interface BoardHubPort {
  joinBoard(unitId: string): Promise<BoardJoined>;
  leaveBoard(unitId: string): Promise<void>;
}

/**
 * A unit board kept current: on (re)join the lines are replaced with the server's; then each `BoardChanged`
 * line is applied unless it is older than the case version already shown. A heartbeat naming a board version above
 * the one shown means a change was lost: the board is joined again.
 */
export class BoardSession {
  entries = new Map<string, UnitCaseEntry>();
  status: 'loading' | 'live' | 'error' | 'ended' = 'loading';
  error: string | null = null;
  /** The board version shown: from the join, then from each change applied. */
  version = 0;
  private readonly shown = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly freshness: Freshness;
  private joining: Promise<void> | null = null;
  private readonly rejoin = new RejoinAfterPassingFailure(() => void this.join());
  private stopped = false;

  constructor(readonly unitId: string, private readonly hub: BoardHubPort, staleMs = 3000) {
    this.freshness = new Freshness(staleMs, () => void this.join(), () => this.emit());
  }

  /** True while the board may be behind without knowing by how much (see {@link Freshness}). */
  get stale(): boolean {
    return this.freshness.stale;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Join (or join again): the lines are replaced with the server's (one join at a time). */
  join(): Promise<void> {
    this.joining ??= this.joinOnce().finally(() => {
      this.joining = null;
    });
    return this.joining;
  }

  private async joinOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      const joined = await this.hub.joinBoard(this.unitId);
      this.entries = new Map(joined.cases.map((c) => [c.caseId, c]));
      this.shown.clear();
      for (const c of joined.cases) this.shown.set(c.caseId, c.caseVersion);
      this.version = joined.version ?? 0;
      this.status = 'live';
      this.error = null;
      this.freshness.start();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      if (this.status === 'loading') this.status = 'error';
      if (this.rejoin.failed(e)) this.freshness.heard(false);
    }
    this.emit();
  }

  /** The server's heartbeat: `head` is the board version this view should show; above it, the board is joined again. */
  heartbeat(head: number, live: boolean): void {
    if (this.stopped) return;
    this.freshness.heard(live, true);
    if (head > this.version) void this.join();
  }

  /** The connection dropped: nothing arrives until the next join. */
  disconnected(): void {
    this.freshness.stop();
  }

  apply(update: BoardChange): void {
    this.freshness.heard();
    if (update.boardVersion !== undefined) this.version = Math.max(this.version, update.boardVersion);
    const seen = this.shown.get(update.caseId);
    if (seen !== undefined && update.caseVersion < seen) return;
    this.shown.set(update.caseId, update.caseVersion);
    const next = new Map(this.entries);
    if (update.entry) next.set(update.caseId, update.entry);
    else next.delete(update.caseId);
    this.entries = next;
    this.emit();
  }

  accessEnded(): void {
    this.status = 'ended';
    this.entries = new Map();
    this.stop();
    this.emit();
  }

  /** The lines in a stable order: incoming first, then by expected release. */
  get sorted(): UnitCaseEntry[] {
    return [...this.entries.values()].sort(
      (a, b) =>
        Number(b.handoversAwaitingUnit > 0) - Number(a.handoversAwaitingUnit > 0) ||
        (a.expectedRelease ?? '9999').localeCompare(b.expectedRelease ?? '9999') ||
        a.personDisplayName.localeCompare(b.personDisplayName),
    );
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.freshness.stop();
    this.rejoin.stop();
    void this.hub.leaveBoard(this.unitId).catch(() => undefined);
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
