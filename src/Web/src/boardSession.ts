import type { BoardJoined, UnitCaseEntry, UnitCaseUpdate } from './types';

export interface BoardHubPort {
  joinBoard(unitId: string): Promise<BoardJoined>;
  leaveBoard(unitId: string): Promise<void>;
}

/**
 * A unit board kept current: on (re)join the lines are replaced with the server's; then each `BoardChanged`
 * line is applied unless it is older than the case version already shown.
 */
export class BoardSession {
  entries = new Map<string, UnitCaseEntry>();
  status: 'loading' | 'live' | 'error' | 'ended' = 'loading';
  error: string | null = null;
  private readonly shown = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private stopped = false;

  constructor(readonly unitId: string, private readonly hub: BoardHubPort) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async join(): Promise<void> {
    if (this.stopped) return;
    try {
      const joined = await this.hub.joinBoard(this.unitId);
      this.entries = new Map(joined.cases.map((c) => [c.caseId, c]));
      this.shown.clear();
      for (const c of joined.cases) this.shown.set(c.caseId, c.caseVersion);
      this.status = 'live';
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      if (this.status === 'loading') this.status = 'error';
    }
    this.emit();
  }

  apply(update: UnitCaseUpdate): void {
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
    void this.hub.leaveBoard(this.unitId).catch(() => undefined);
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
