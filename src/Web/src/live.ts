import { HubConnectionBuilder, HttpTransportType, LogLevel, type HubConnection } from '@microsoft/signalr';
import { BoardSession } from './boardSession';
import { CaseSession, type CaseApiPort, type CaseSessionOptions } from './caseSession';
import { hubRefusal } from './api';
import { isAskAgain, newCommandId, OfflineError, OutcomeUnknownError, unknownOutcomeDelays } from './commands';
import { answerWithin, NoAnswerError } from './deadline';

export { OfflineError, OutcomeUnknownError } from './commands';
import type {
  BoardChange, BoardJoined, CaseEventRecord, CaseJoined, CasePresence, CommandOutcome, FieldLockResult, PresenceMode, WorkList,
} from './types';
import { WorkSession } from './workSession';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** The part of a SignalR HubConnection the app uses, so tests can stand in for it. */
export interface HubLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  on(method: string, handler: (...args: any[]) => void): void;
  onreconnecting(handler: (error?: Error) => void): void;
  onreconnected(handler: (connectionId?: string) => void): void;
  onclose(handler: (error?: Error) => void): void;
}

/** Retry forever, quickly at first: a meeting screen must come back by itself. */
export const retryDelays = [0, 1000, 2000, 3000, 5000];

/** A view the server sends heartbeats for: a case, a board, or one's work list. */
export interface WatchedView {
  heartbeat(head: number, live: boolean): void;
  readonly stale: boolean;
}

export function createSignalRHub(tokenFactory: () => string): HubLike {
  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl('/hubs/case', {
      accessTokenFactory: tokenFactory,
      transport: HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling,
    })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelays[Math.min(ctx.previousRetryCount, retryDelays.length - 1)] })
    .configureLogging(LogLevel.Warning)
    .build();
  connection.serverTimeoutInMilliseconds = 15000;
  connection.keepAliveIntervalInMilliseconds = 5000;
  return connection;
}

/**
 * The one live connection of the page: it routes pushes to the case and board sessions, tracks whether the
 * connection is up (for the banner and for refusing edits while offline), and rejoins every case and board with
 * its last version when the connection comes back (rule 4).
 */
export class Live {
  status: ConnectionStatus = 'connecting';
  private readonly cases = new Map<string, CaseSession>();
  private readonly boards = new Map<string, BoardSession>();
  private work: WorkSession | null = null;
  private readonly listeners = new Set<() => void>();
  private wasStale = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private started: Promise<void> | null = null;
  private closedByUs = false;
  /** Joins in a row this connection has left without an answer. */
  private unanswered = 0;

  /**
   * @param restartMs how long after a closed connection it is started again
   * @param joinAnswerMs how long a join may go unanswered before its view says so and joins again (see deadline.ts)
   * @param stuckAfter how many joins in a row a connection may leave unanswered before it is taken for stuck and started again
   */
  constructor(
    private readonly hub: HubLike,
    private readonly api: CaseApiPort,
    private readonly restartMs = 3000,
    private readonly joinAnswerMs = 10000,
    private readonly stuckAfter = 2,
  ) {
    hub.on('CaseEvents', (caseId: string, events: CaseEventRecord[]) => this.cases.get(caseId)?.receive(events, true));
    hub.on('Presence', (caseId: string, presence: CasePresence) => this.cases.get(caseId)?.setPresence(presence));
    hub.on('BoardChanged', (unitId: string, change: BoardChange) => this.boards.get(unitId)?.apply(change));
    hub.on('Heartbeat', (scope: string, id: string, head: number, live: boolean) => this.viewOf(scope, id)?.heartbeat(head, live));
    // The whole list with its version; taken from the last argument, so a user id before it changes nothing.
    hub.on('WorkChanged', (...args: unknown[]) => this.work?.apply(args[args.length - 1] as WorkList));
    hub.on('AccessEnded', (scope: string, id: string) => {
      if (scope === 'case') this.cases.get(id)?.accessEnded();
      else this.boards.get(id)?.accessEnded();
    });
    hub.onreconnecting(() => {
      this.allDisconnected();
      this.setStatus('reconnecting');
    });
    hub.onreconnected(() => {
      this.setStatus('connected');
      void this.rejoinAll();
    });
    hub.onclose(() => {
      this.allDisconnected();
      this.setStatus('disconnected');
      if (!this.closedByUs) this.scheduleRestart();
    });
  }

  get online(): boolean {
    return this.status === 'connected';
  }

  /** Connected, but some joined view may be behind without knowing by how much (the server lost touch with it, or went silent). */
  get stale(): boolean {
    return this.online && [...this.cases.values(), ...this.boards.values(), ...(this.work ? [this.work] : [])].some((v) => v.stale);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Start the connection (once); failures are retried until it is up. */
  start(): Promise<void> {
    this.started ??= this.connect();
    return this.started;
  }

  async stop(): Promise<void> {
    this.closedByUs = true;
    clearTimeout(this.restartTimer);
    for (const s of this.cases.values()) s.stop();
    for (const b of this.boards.values()) b.stop();
    this.work?.stop();
    this.work = null;
    this.cases.clear();
    this.boards.clear();
    await this.hub.stop().catch(() => undefined);
  }

  /** Open a case: read it, join it, keep it current. */
  openCase(caseId: string, options?: CaseSessionOptions): CaseSession {
    this.cases.get(caseId)?.stop();
    const session = new CaseSession(caseId, {
      joinCase: (id, after) => this.joinCall<CaseJoined>('JoinCase', id, after),
      leaveCase: (id) => (this.online ? this.hub.invoke<void>('LeaveCase', id) : Promise.resolve()),
      updatePresence: (id, mode, field) => this.hub.invoke<void>('UpdatePresence', id, mode, field),
    }, this.api, options);
    this.cases.set(caseId, session);
    session.subscribe(() => this.staleChanged());
    void (async () => {
      if (this.online) await session.start();
      else {
        // Show the case as read now; join when the connection is up (rejoinAll).
        try {
          session.takeInitial(await this.api.getCase(caseId));
        } catch {
          /* the error shows when start is retried */
        }
      }
    })();
    return session;
  }

  closeCase(session: CaseSession): void {
    if (this.cases.get(session.caseId) === session) this.cases.delete(session.caseId);
    session.stop();
  }

  openBoard(unitId: string): BoardSession {
    this.boards.get(unitId)?.stop();
    const board = new BoardSession(unitId, {
      joinBoard: (id) => this.joinCall<BoardJoined>('JoinBoard', id),
      leaveBoard: (id) => (this.online ? this.hub.invoke<void>('LeaveBoard', id) : Promise.resolve()),
    });
    this.boards.set(unitId, board);
    board.subscribe(() => this.staleChanged());
    if (this.online) void board.join();
    return board;
  }

  closeBoard(board: BoardSession): void {
    if (this.boards.get(board.unitId) === board) this.boards.delete(board.unitId);
    board.stop();
  }

  /** What needs this user, live: one list per page, shared by every view that shows it; `read` when the hub cannot. */
  openWork(read: () => Promise<WorkList>): WorkSession {
    if (this.work) return this.work;
    const work = new WorkSession({
      joinWork: () => this.joinCall<WorkList>('JoinWork'),
      leaveWork: () => (this.online ? this.hub.invoke<void>('LeaveWork') : Promise.resolve()),
      readWork: read,
    });
    this.work = work;
    work.subscribe(() => this.staleChanged());
    if (this.online) void work.join();
    return work;
  }

  /**
   * A command over the hub, under a command id of its own. Refused at once while offline: an edit is never queued out
   * of sight. When its answer is lost — the server says "outcome unknown", or the connection breaks with it in
   * flight — it is asked again with the same id, which the server applies at most once, so it lands exactly once.
   */
  async execute(caseId: string, command: string, body: object): Promise<CommandOutcome> {
    if (!this.online) throw new OfflineError();
    const commandId = newCommandId();
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= unknownOutcomeDelays.length;
      let outcome: CommandOutcome;
      try {
        outcome = await this.hub.invoke<CommandOutcome>('Execute', caseId, command, body, commandId);
      } catch (e) {
        const { code } = hubRefusal(e);
        if (code !== '' && !isAskAgain(code)) throw e;
        if (last) throw new OutcomeUnknownError();
        await this.askAgainAfter(unknownOutcomeDelays[attempt]);
        continue;
      }
      if (outcome.error && isAskAgain(outcome.error.code) && !last) {
        await this.askAgainAfter(unknownOutcomeDelays[attempt]);
        continue;
      }
      if (!outcome.error) this.cases.get(caseId)?.receive(outcome.events);
      return outcome;
    }
  }

  async lockField(caseId: string, field: string): Promise<FieldLockResult> {
    if (!this.online) throw new OfflineError();
    return this.hub.invoke<FieldLockResult>('LockField', caseId, field);
  }

  async releaseField(caseId: string, field: string): Promise<void> {
    if (!this.online) return;
    await this.hub.invoke<void>('ReleaseField', caseId, field).catch(() => undefined);
  }

  setPresence(caseId: string, mode: PresenceMode, field: string | null): void {
    this.cases.get(caseId)?.setMyPresence(mode, field);
  }

  /** Waits out a delay, and then for the connection if it is down; a command still in doubt then is reported as such. */
  private async askAgainAfter(ms: number): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    for (let waited = 0; !this.online && waited < 10000; waited += 250) await new Promise((r) => setTimeout(r, 250));
    if (!this.online) throw new OutcomeUnknownError();
  }

  /**
   * A join, answered within its time (see deadline.ts); while offline it waits for the connection (refused at once,
   * and made again when the connection is back). A connection that is up but leaves `stuckAfter`
   * joins in a row without an answer is taken for stuck and started again: a new connection is served where the old one
   * was not, and every view joins again on it.
   */
  private async joinCall<T>(method: string, ...args: unknown[]): Promise<T> {
    if (!this.online) throw new OfflineError();
    try {
      const answer = await answerWithin(this.hub.invoke<T>(method, ...args), this.joinAnswerMs, method);
      this.unanswered = 0;
      return answer;
    } catch (e) {
      if (!(e instanceof NoAnswerError)) this.unanswered = 0; // an answer, if a refusal: the connection works
      else if (++this.unanswered >= this.stuckAfter) this.restartStuck();
      throw e;
    }
  }

  /** Stop a connection that does not answer; its close starts it again (see the constructor). */
  private restartStuck(): void {
    this.unanswered = 0;
    if (this.status === 'connected') void this.hub.stop().catch(() => undefined);
  }

  private viewOf(scope: string, id: string): WatchedView | undefined {
    if (scope === 'case') return this.cases.get(id);
    if (scope === 'board') return this.boards.get(id);
    // Only one's own list is ever joined, so the user id needs no check.
    if (scope === 'work') return this.work ?? undefined;
    return undefined;
  }

  private allDisconnected(): void {
    for (const s of this.cases.values()) s.disconnected();
    for (const b of this.boards.values()) b.disconnected();
    this.work?.disconnected();
  }

  private staleChanged(): void {
    const stale = this.stale;
    if (stale === this.wasStale) return;
    this.wasStale = stale;
    for (const l of [...this.listeners]) l();
  }

  private async connect(): Promise<void> {
    this.setStatus(this.status === 'disconnected' ? 'reconnecting' : 'connecting');
    try {
      await this.hub.start();
      this.setStatus('connected');
      await this.rejoinAll();
    } catch {
      this.setStatus('disconnected');
      this.scheduleRestart();
    }
  }

  private scheduleRestart(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.started = this.connect();
    }, this.restartMs);
  }

  /** Rule 4: a (re)connected client has no groups; join every case and board again from what it holds. */
  private async rejoinAll(): Promise<void> {
    await Promise.all([
      ...[...this.cases.values()].map((s) => (s.state ? s.join() : s.start())),
      ...[...this.boards.values()].map((b) => b.join()),
      ...(this.work ? [this.work.join()] : []),
    ]);
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const l of [...this.listeners]) l();
  }
}

