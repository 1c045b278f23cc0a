import { Emitter } from './emitter';
import { RejoinAfterPassingFailure } from './deadline';
import { Freshness } from './freshness';
import type { WorkItem, WorkList } from './types';

/** What the list of what needs me takes from the live hub, and the REST read it falls back on. */
export interface WorkHubPort {
  joinWork(): Promise<WorkList>;
  leaveWork(): Promise<void>;
  /** `GET /api/v1/me/work`: read when the hub cannot be joined, so the list shows even without live updates. */
  readWork(): Promise<WorkList>;
}

export type WorkStatus = 'loading' | 'live' | 'read' | 'error';

/**
 * What needs this user, kept current: joined over the hub (`JoinWork`), then every `WorkChanged` replaces the list
 * unless it is older than the version shown. The list is the server's, never edited here: an item goes when the
 * server says it is done. Items that were not in the previous list are `fresh`, so the page can say what arrived.
 * The server's heartbeats (scope `work`) name the list's version: one above the version shown means a push was lost,
 * and the list is read again (`GET /api/v1/me/work`); silence, or a heartbeat saying the server lost touch with the
 * list, makes it `stale` until something arrives (see {@link Freshness}), and silence joins it again.
 */
export class WorkSession extends Emitter {
  list: WorkList | null = null;
  status: WorkStatus = 'loading';
  error: unknown = null;
  /** Ids of the items that arrived with the last change (empty after the first read). */
  fresh = new Set<string>();
  private stopped = false;
  private joined = false;
  private reading: Promise<void> | null = null;
  private readonly freshness: Freshness;
  private readonly rejoin = new RejoinAfterPassingFailure(() => void this.join());

  constructor(private readonly hub: WorkHubPort, staleMs = 3000) {
    super();
    this.freshness = new Freshness(staleMs, () => void this.join(), () => this.emit());
  }

  /** True while the list may be behind without knowing by how much. */
  get stale(): boolean {
    return this.freshness.stale;
  }

  /** Join (or rejoin after a reconnect); when the hub refuses, read the list once so it still shows. */
  async join(): Promise<void> {
    if (this.stopped) return;
    try {
      const joined = await this.hub.joinWork();
      this.joined = true;
      this.take(joined, true);
      this.status = 'live';
      this.error = null;
      this.freshness.start();
    } catch (e) {
      this.joined = false;
      if (this.rejoin.failed(e)) this.freshness.heard(false);
      try {
        this.take(await this.hub.readWork(), true);
        this.status = 'read';
        this.error = e;
      } catch (e2) {
        this.error = e2;
        if (!this.list) this.status = 'error';
      }
    }
    this.emit();
  }

  /** A `WorkChanged` push: the whole list with its version. */
  apply(list: WorkList): void {
    if (this.stopped || !list || !Array.isArray(list.items)) return;
    this.freshness.heard();
    if (this.take(list, false)) this.emit();
  }

  /** The server's heartbeat: `head` is the version this list should show; above it, a push was lost and the list is read again. */
  heartbeat(head: number, live: boolean): void {
    if (this.stopped) return;
    this.freshness.heard(live, true);
    if (head > (this.list?.version ?? 0)) void this.readAgain();
  }

  /** Behind: read the list over REST (one read at a time); it replaces what is shown unless older. */
  private readAgain(): Promise<void> {
    this.reading ??= (async () => {
      try {
        if (this.take(await this.hub.readWork(), true)) this.emit();
      } catch {
        /* the next heartbeat above the version shown asks again */
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  /** The connection dropped: the list stays as it was, marked as no longer live. */
  disconnected(): void {
    this.freshness.stop();
    if (this.status === 'live') {
      this.status = 'read';
      this.emit();
    }
  }

  /** The items, most urgent first (see {@link sortWork}). */
  get items(): WorkItem[] {
    return sortWork(this.list?.items ?? []);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.freshness.stop();
    this.rejoin.stop();
    this.clearListeners();
    if (this.joined) void this.hub.leaveWork().catch(() => undefined);
  }

  private take(list: WorkList, initial: boolean): boolean {
    if (this.list && list.version < this.list.version) return false;
    if (this.list && list.version === this.list.version && !initial) return false;
    const before = new Set((this.list?.items ?? []).map((i) => i.itemId));
    this.fresh = this.list ? new Set(list.items.filter((i) => !before.has(i.itemId)).map((i) => i.itemId)) : new Set();
    this.list = list;
    return true;
  }
}

/** How pressing each kind is when the dates are equal: what cannot wait first. */
const kindRank: Record<string, number> = {
  Escalation: 0, ReleaseMovedEarlier: 1, DeadlineMissed: 2, HandoverOffered: 3, OwnerLeftUnit: 4, ProposalToAnswer: 5,
  DeadlineDue: 6, KeyDatesChanged: 7, ConsentToConfirm: 8,
};

/** Overdue first, then by due date (undated after dated), then by kind, then oldest first; stable by id. */
export function sortWork(items: readonly WorkItem[]): WorkItem[] {
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') ||
      (kindRank[a.kind] ?? 9) - (kindRank[b.kind] ?? 9) ||
      a.since.localeCompare(b.since) ||
      a.itemId.localeCompare(b.itemId),
  );
}
