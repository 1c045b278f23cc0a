import { HubConnectionBuilder, HttpTransportType, LogLevel, type HubConnection } from '@microsoft/signalr';
import { BoardSession } from './boardSession';
import { CaseSession, type CaseApiPort, type CaseSessionOptions } from './caseSession';
import type {
  BoardJoined, CaseEventRecord, CaseJoined, CasePresence, CommandOutcome, FieldLockResult, PresenceMode, UnitCaseUpdate, WorkList,
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
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private started: Promise<void> | null = null;
  private closedByUs = false;

  constructor(private readonly hub: HubLike, private readonly api: CaseApiPort, private readonly restartMs = 3000) {
    hub.on('CaseEvents', (caseId: string, events: CaseEventRecord[]) => this.cases.get(caseId)?.receive(events));
    hub.on('Presence', (caseId: string, presence: CasePresence) => this.cases.get(caseId)?.setPresence(presence));
    hub.on('BoardChanged', (unitId: string, update: UnitCaseUpdate) => this.boards.get(unitId)?.apply(update));
    // The whole list with its version; taken from the last argument, so a user id before it changes nothing.
    hub.on('WorkChanged', (...args: unknown[]) => this.work?.apply(args[args.length - 1] as WorkList));
    hub.on('AccessEnded', (scope: string, id: string) => {
      if (scope === 'case') this.cases.get(id)?.accessEnded();
      else this.boards.get(id)?.accessEnded();
    });
    hub.onreconnecting(() => {
      this.work?.disconnected();
      for (const s of this.cases.values()) s.disconnected();
      this.setStatus('reconnecting');
    });
    hub.onreconnected(() => {
      this.setStatus('connected');
      void this.rejoinAll();
    });
    hub.onclose(() => {
      this.work?.disconnected();
      for (const s of this.cases.values()) s.disconnected();
      this.setStatus('disconnected');
      if (!this.closedByUs) this.scheduleRestart();
    });
  }

  get online(): boolean {
    return this.status === 'connected';
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
      joinCase: (id, after) => this.hub.invoke<CaseJoined>('JoinCase', id, after),
      leaveCase: (id) => (this.online ? this.hub.invoke<void>('LeaveCase', id) : Promise.resolve()),
      updatePresence: (id, mode, field) => this.hub.invoke<void>('UpdatePresence', id, mode, field),
    }, this.api, options);
    this.cases.set(caseId, session);
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
      joinBoard: (id) => this.hub.invoke<BoardJoined>('JoinBoard', id),
      leaveBoard: (id) => (this.online ? this.hub.invoke<void>('LeaveBoard', id) : Promise.resolve()),
    });
    this.boards.set(unitId, board);
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
      joinWork: () => this.hub.invoke<WorkList>('JoinWork'),
      leaveWork: () => (this.online ? this.hub.invoke<void>('LeaveWork') : Promise.resolve()),
      readWork: read,
    });
    this.work = work;
    if (this.online) void work.join();
    return work;
  }

  /** A command over the hub. Refused at once while offline: an edit is never queued out of sight. */
  async execute(caseId: string, command: string, body: object): Promise<CommandOutcome> {
    if (!this.online) throw new OfflineError();
    const outcome = await this.hub.invoke<CommandOutcome>('Execute', caseId, command, body);
    if (!outcome.error) this.cases.get(caseId)?.receive(outcome.events);
    return outcome;
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

export class OfflineError extends Error {
  constructor() {
    super('offline');
    this.name = 'OfflineError';
  }
}
