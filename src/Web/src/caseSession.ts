import { RejoinAfterPassingFailure } from './deadline';
import { Freshness } from './freshness';
import { VersionBuffer } from './versionBuffer';
import type { CaseEventRecord, CaseEventsPage, CaseJoined, CasePresence, CaseState, PresenceMode } from './types';

/** What a case session needs from the live hub. */
export interface CaseHubPort {
  joinCase(caseId: string, afterVersion: number): Promise<CaseJoined>;
  leaveCase(caseId: string): Promise<void>;
  updatePresence(caseId: string, mode: PresenceMode, editingField: string | null): Promise<void>;
}

/** What a case session needs from the REST API. */
export interface CaseApiPort {
  getCase(caseId: string): Promise<CaseState>;
  getEvents(caseId: string, after: number): Promise<CaseEventsPage>;
}

export type CaseSessionStatus = 'loading' | 'live' | 'error' | 'ended';

export interface CaseSessionOptions {
  /** How long a gap may wait for its missing push before the client fetches the events itself (rule 3). */
  gapMs?: number;
  /** Presence heartbeat; the server forgets presence after 45 s of silence. */
  heartbeatMs?: number;
  /** Whether this view reports presence at all. */
  presence?: boolean;
  /** Silence after which the view counts as stale and joins again (the server sends something at least every second). */
  staleMs?: number;
}

const emptyPresence: CasePresence = { entries: [], locks: [] };

/**
 * One case kept current by the rules of docs/realtime.md. Events are taken in through a {@link VersionBuffer}
 * (in order, once, gaps detected); after each batch the case is read again, and a read at version V counts as
 * every event up to V applied. The session rejoins with its last version when the connection comes back.
 */
export class CaseSession {
  state: CaseState | null = null;
  presence: CasePresence = emptyPresence;
  status: CaseSessionStatus = 'loading';
  error: string | null = null;
  /** The last failure itself (a REST problem keeps its code), for saying it in plain words. */
  cause: unknown = null;
  /** Events applied since the page was opened, newest last (for "what changed" notes). */
  readonly recent: CaseEventRecord[] = [];

  private readonly buffer = new VersionBuffer(0);
  private readonly listeners = new Set<() => void>();
  private readonly freshness: Freshness;
  private catchingUp: Promise<void> | null = null;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private presenceTimer: ReturnType<typeof setInterval> | undefined;
  private refreshing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly rejoin = new RejoinAfterPassingFailure(() => void this.join());
  private refreshAgain = false;
  private joined = false;
  private stopped = false;
  private mode: PresenceMode = 'Viewing';
  private editing: string | null = null;
  private readonly gapMs: number;
  private readonly heartbeatMs: number;
  private readonly reportsPresence: boolean;

  constructor(
    readonly caseId: string,
    private readonly hub: CaseHubPort,
    private readonly api: CaseApiPort,
    options: CaseSessionOptions = {},
  ) {
    this.gapMs = options.gapMs ?? 1500;
    this.heartbeatMs = options.heartbeatMs ?? 15000;
    this.reportsPresence = options.presence ?? true;
    this.freshness = new Freshness(options.staleMs ?? 3000, () => void this.join(), () => this.emit());
  }

  /**
   * True while this view may be behind without knowing by how much: the server said it lost touch with the case, or
   * nothing came for a while. A view that is merely quiet is not stale: heartbeats keep saying it is current.
   */
  get stale(): boolean {
    return this.freshness.stale;
  }

  /** The highest case version this client has applied. */
  get lastVersion(): number {
    return this.buffer.lastVersion;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Read the case, then join its live group from that version. */
  async start(): Promise<void> {
    try {
      const snapshot = await this.api.getCase(this.caseId);
      this.takeSnapshot(snapshot);
      await this.join();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Show a case read while the connection is down; {@link join} follows when it is up. */
  takeInitial(snapshot: CaseState): void {
    this.takeSnapshot(snapshot);
  }

  /** Join (or rejoin after a reconnect) from the last applied version; the overlap with pushes is harmless. */
  async join(): Promise<void> {
    if (this.stopped) return;
    try {
      let after = this.buffer.lastVersion;
      for (;;) {
        const joined = await this.hub.joinCase(this.caseId, after);
        this.presence = joined.presence ?? emptyPresence;
        this.receive(joined.events);
        const last = joined.events.length ? joined.events[joined.events.length - 1].version : after;
        if (joined.complete || last <= after) break;
        after = last;
      }
      this.joined = true;
      if (this.status !== 'ended') this.status = this.state ? 'live' : this.status;
      this.error = null;
      this.freshness.start();
      this.startHeartbeat();
      this.emit();
    } catch (e) {
      this.joined = false;
      this.fail(e);
      if (this.rejoin.failed(e)) this.freshness.heard(false);
    }
  }

  /** The connection dropped: nothing arrives until the next join. */
  disconnected(): void {
    this.joined = false;
    this.freshness.stop();
    this.stopHeartbeat();
    this.emit();
  }

  /** Events from a push, a join, a catch-up read or a command's own outcome. */
  receive(events: readonly CaseEventRecord[], pushed = false): void {
    if (this.stopped) return;
    if (pushed) this.freshness.heard();
    const applied = this.buffer.offer(events);
    if (applied.length) {
      this.recent.push(...applied);
      if (this.recent.length > 50) this.recent.splice(0, this.recent.length - 50);
      void this.refresh();
    }
    this.watchGap();
  }

  /**
   * The server's heartbeat: `head` is the version this view should hold. Below it, a push was lost (or the case moved
   * while the server could not reach it): the events after the last applied version are fetched at once.
   */
  heartbeat(head: number, live: boolean): void {
    if (this.stopped) return;
    this.freshness.heard(live, true);
    if (head > this.buffer.lastVersion) void this.catchUp();
  }

  setPresence(presence: CasePresence): void {
    this.presence = presence;
    this.emit();
  }

  /** AccessEnded: drop what is on screen; nothing more will come. */
  accessEnded(): void {
    this.status = 'ended';
    this.state = null;
    this.presence = emptyPresence;
    this.emit();
    this.stop();
  }

  /** Say how this user is here and what they edit; sent now and then as a heartbeat. */
  setMyPresence(mode: PresenceMode, editingField: string | null): void {
    this.mode = mode;
    this.editing = editingField;
    this.sendPresence();
  }

  get myMode(): PresenceMode {
    return this.mode;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.freshness.stop();
    this.stopHeartbeat();
    clearTimeout(this.gapTimer);
    clearTimeout(this.retryTimer);
    this.rejoin.stop();
    this.listeners.clear();
    if (this.joined) void this.hub.leaveCase(this.caseId).catch(() => undefined);
  }

  /** Read the case again now (coalesced: one read at a time, one more if events came meanwhile). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          const snapshot = await this.api.getCase(this.caseId);
          if (this.stopped) return;
          this.takeSnapshot(snapshot);
          // A read older than what the pushes have told us is repeated shortly, until it catches up.
          if (snapshot.version < this.buffer.lastVersion) {
            clearTimeout(this.retryTimer);
            this.retryTimer = setTimeout(() => void this.refresh(), this.gapMs / 3);
          }
        } while (this.refreshAgain && !this.stopped);
      } catch (e) {
        this.fail(e);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private takeSnapshot(snapshot: CaseState): void {
    if (!this.state || snapshot.version >= this.state.version) this.state = snapshot;
    const applied = this.buffer.advanceTo(snapshot.version);
    if (applied.length) this.refreshAgain = true;
    if (this.status === 'loading' || this.status === 'error') this.status = 'live';
    this.error = null;
    this.watchGap();
    this.emit();
  }

  private watchGap(): void {
    if (!this.buffer.hasGap) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
      return;
    }
    if (this.gapTimer !== undefined) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      void this.fillGap();
    }, this.gapMs);
  }

  /** Rule 3: the missing event did not come; read the log from the last applied version. */
  private async fillGap(): Promise<void> {
    if (this.stopped || !this.buffer.hasGap) return;
    await this.catchUp();
  }

  /** Read the log from the last applied version (one read at a time). */
  private catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const page = await this.api.getEvents(this.caseId, this.buffer.lastVersion);
        this.receive(page.events);
      } catch (e) {
        this.fail(e);
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  private startHeartbeat(): void {
    if (!this.reportsPresence) return;
    this.stopHeartbeat();
    this.sendPresence();
    this.presenceTimer = setInterval(() => this.sendPresence(), this.heartbeatMs);
  }

  private stopHeartbeat(): void {
    clearInterval(this.presenceTimer);
    this.presenceTimer = undefined;
  }

  private sendPresence(): void {
    if (!this.reportsPresence || !this.joined || this.stopped) return;
    this.hub.updatePresence(this.caseId, this.mode, this.editing).catch(() => undefined);
  }

  private fail(e: unknown): void {
    this.cause = e;
    this.error = e instanceof Error ? e.message : String(e);
    if (!this.state) this.status = 'error';
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
