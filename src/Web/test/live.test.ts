import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Live, OfflineError, OutcomeUnknownError, type HubLike } from '../src/live';
import type { CaseApiPort } from '../src/caseSession';
import type { CaseEventRecord } from '../src/types';
import { caseAt, evs, settle } from './helpers';

/** A stand-in for SignalR's HubConnection that the test drives. */
class FakeHub implements HubLike {
  handlers = new Map<string, (...args: any[]) => void>();
  reconnecting?: () => void;
  reconnected?: () => void;
  closed?: () => void;
  invoke = vi.fn(async (method: string, ...args: unknown[]): Promise<any> => this.answer(method, args));
  answer: (method: string, args: unknown[]) => unknown = () => undefined;
  start = vi.fn(async () => undefined);
  /** Like SignalR's: stopping closes the connection, and its close handlers run. */
  stop = vi.fn(async () => { this.closed?.(); });
  on(method: string, handler: (...args: any[]) => void) { this.handlers.set(method, handler); }
  onreconnecting(h: () => void) { this.reconnecting = h; }
  onreconnected(h: () => void) { this.reconnected = h; }
  onclose(h: () => void) { this.closed = h; }
  push(method: string, ...args: unknown[]) { this.handlers.get(method)?.(...args); }
}

describe('Live', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setUp(stuckAfter = 2) {
    let server = 3;
    const hub = new FakeHub();
    hub.answer = (method, args) => {
      if (method === 'JoinCase') {
        const after = args[1] as number;
        const events: CaseEventRecord[] = evs(...Array.from({ length: server - after }, (_, i) => after + i + 1));
        return { caseId: 'case-1', currentVersion: server, events, complete: true, presence: { entries: [], locks: [] } };
      }
      if (method === 'JoinBoard') return { unitId: 'unit-1', cases: [] };
      if (method === 'JoinWork') return { userId: 'u-sofie', version: server, items: [] };
      if (method === 'Execute') return { version: server, events: [], error: null };
      return undefined;
    };
    const api: CaseApiPort = {
      getCase: vi.fn(async () => caseAt(server)),
      getEvents: vi.fn(async () => ({ caseId: 'case-1', currentVersion: server, events: [] })),
    };
    const live = new Live(hub, api, 1000, 10000, stuckAfter);
    return { hub, api, live, setServer: (v: number) => { server = v; } };
  }

  it('routes pushed events to the case they belong to', async () => {
    const { hub, live, setServer } = setUp();
    await live.start();
    const s = live.openCase('case-1');
    await settle();
    setServer(4);
    hub.push('CaseEvents', 'case-1', evs(4));
    hub.push('CaseEvents', 'case-2', evs(5));
    await settle();
    expect(s.lastVersion).toBe(4);
  });

  it('rejoins every case with its last version and every board after a reconnect', async () => {
    const { hub, live, setServer } = setUp();
    await live.start();
    const s = live.openCase('case-1');
    live.openBoard('unit-1');
    await settle();
    expect(s.lastVersion).toBe(3);

    hub.reconnecting!();
    expect(live.status).toBe('reconnecting');
    setServer(6); // three edits while this client was away
    hub.invoke.mockClear();
    hub.reconnected!();
    await settle();
    await vi.runOnlyPendingTimersAsync();
    await settle();

    expect(live.status).toBe('connected');
    expect(hub.invoke).toHaveBeenCalledWith('JoinCase', 'case-1', 3);
    expect(hub.invoke).toHaveBeenCalledWith('JoinBoard', 'unit-1');
    expect(s.lastVersion).toBe(6);
    expect(s.state?.version).toBe(6);
  });

  it('does not wait forever for a join the server leaves unanswered: the view says so, is stale, and joins again', async () => {
    // Each view on its own here: the connection is not taken for stuck however many of its joins go unanswered.
    const { hub, live } = setUp(Infinity);
    const answer = hub.answer;
    const unanswered = new Set(['JoinBoard', 'JoinCase', 'JoinWork']);
    hub.answer = (method, args) => (unanswered.delete(method) ? new Promise(() => undefined) : answer(method, args));
    await live.start();
    const board = live.openBoard('unit-1');
    const s = live.openCase('case-1');
    const read = vi.fn(async () => ({ userId: 'u-sofie', version: 2, items: [] }));
    const work = live.openWork(read);
    await settle();
    expect(board.status).toBe('loading');

    // The joins' time passes: each view knows, in words, and counts as stale (the case was read over REST and shows).
    await vi.advanceTimersByTimeAsync(10000);
    expect(board.status).toBe('error');
    expect(board.error).toMatch(/^hub\.no-answer:/);
    expect(board.stale).toBe(true);
    expect(s.state?.version).toBe(3);
    expect(s.stale).toBe(true);
    expect(work.status).toBe('read');
    expect(work.stale).toBe(true);
    expect(live.stale).toBe(true);

    // A moment later each joins again, and this time the server answers.
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(hub.invoke.mock.calls.filter((c) => c[0] === 'JoinBoard')).toHaveLength(2);
    expect(hub.invoke.mock.calls.filter((c) => c[0] === 'JoinCase')).toHaveLength(2);
    expect(hub.invoke.mock.calls.filter((c) => c[0] === 'JoinWork')).toHaveLength(2);
    expect(board.status).toBe('live');
    expect(board.error).toBeNull();
    expect(work.status).toBe('live');
    expect(work.list?.version).toBe(3);

    // The first heartbeat that says the views are live clears the stale mark.
    hub.push('Heartbeat', 'board', 'unit-1', 0, true);
    hub.push('Heartbeat', 'case', 'case-1', 3, true);
    hub.push('Heartbeat', 'work', 'u-sofie', 3, true);
    expect(live.stale).toBe(false);
  });

  it('joins again after a join the cluster could not serve (failing over, or an unexpected error): nothing was decided', async () => {
    const { hub, live } = setUp();
    const answer = hub.answer;
    const failures = [
      "An unexpected error occurred invoking 'JoinBoard' on the server. HubException: cluster.unavailable: The case cannot be reached right now.",
      "An unexpected error occurred invoking 'JoinBoard' on the server. HubException: server.error: Something went wrong on the server; nothing was changed.",
    ];
    hub.answer = (method, args) => {
      if (method === 'JoinBoard' && failures.length > 0) throw new Error(failures.shift());
      return answer(method, args);
    };
    await live.start();
    const board = live.openBoard('unit-1');
    await settle();
    expect(board.status).toBe('error');
    expect(board.error).toMatch(/cluster\.unavailable/);
    expect(board.stale).toBe(true);

    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(board.error).toMatch(/server\.error/);
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(hub.invoke.mock.calls.filter((c) => c[0] === 'JoinBoard')).toHaveLength(3);
    expect(board.status).toBe('live');
    expect(board.error).toBeNull();
  });

  it('takes a connection that leaves two joins in a row unanswered for stuck, and starts it again: the views join on the new one', async () => {
    const { hub, live } = setUp();
    const answer = hub.answer;
    let stuck = true;
    hub.answer = (method, args) => (stuck && method === 'JoinBoard' ? new Promise(() => undefined) : answer(method, args));
    await live.start();
    const board = live.openBoard('unit-1');
    await settle();

    // One join without an answer may be a slow server: the view joins again on the same connection.
    await vi.advanceTimersByTimeAsync(10000);
    expect(board.error).toMatch(/^hub\.no-answer:/);
    expect(hub.stop).not.toHaveBeenCalled();
    // The second without an answer too: the connection is taken for stuck, closed and started again.
    await vi.advanceTimersByTimeAsync(12000);
    expect(hub.stop).toHaveBeenCalledTimes(1);
    expect(live.status).toBe('disconnected');

    stuck = false;
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(hub.start).toHaveBeenCalledTimes(2);
    expect(live.status).toBe('connected');
    expect(hub.invoke.mock.calls.filter((c) => c[0] === 'JoinBoard')).toHaveLength(3);
    expect(board.status).toBe('live');
    expect(board.error).toBeNull();
  });

  it('does not join again after a refusal: that is an answer', async () => {
    const { hub, live } = setUp();
    const answer = hub.answer;
    hub.answer = (method, args) => {
      if (method === 'JoinBoard') throw new Error("An unexpected error occurred invoking 'JoinBoard' on the server. HubException: unit.not-staff: Only the unit's staff see its board.");
      return answer(method, args);
    };
    await live.start();
    const board = live.openBoard('unit-1');
    await settle();
    await vi.advanceTimersByTimeAsync(30000);
    expect(board.status).toBe('error');
    expect(board.stale).toBe(false);
    expect(hub.invoke.mock.calls.filter((c) => c[0] === 'JoinBoard')).toHaveLength(1);
  });

  it('refuses commands while offline instead of queueing them out of sight', async () => {
    const { hub, live } = setUp();
    await live.start();
    hub.reconnecting!();
    await expect(live.execute('case-1', 'AddGoal', { code: 'housing', text: 'x' })).rejects.toBeInstanceOf(OfflineError);
    expect(hub.invoke).not.toHaveBeenCalledWith('Execute', expect.anything(), expect.anything(), expect.anything(), expect.anything());
  });

  it('restarts a closed connection by itself and rejoins', async () => {
    const { hub, live } = setUp();
    await live.start();
    live.openCase('case-1');
    await settle();
    hub.closed!();
    expect(live.status).toBe('disconnected');
    hub.invoke.mockClear();
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(hub.start).toHaveBeenCalledTimes(2);
    expect(live.status).toBe('connected');
    expect(hub.invoke).toHaveBeenCalledWith('JoinCase', 'case-1', 3);
  });

  it('sends heartbeats to the view they name, and says the page is stale while a joined view is', async () => {
    const { hub, live } = setUp();
    await live.start();
    const s = live.openCase('case-1');
    const board = live.openBoard('unit-1');
    const read = vi.fn(async () => ({ userId: 'u-sofie', version: 8, items: [] }));
    const work = live.openWork(read);
    await settle();
    const changes = vi.fn();
    live.subscribe(changes);

    hub.push('Heartbeat', 'case', 'case-1', 3, false);
    expect(s.stale).toBe(true);
    expect(live.stale).toBe(true);
    expect(changes).toHaveBeenCalled();
    hub.push('Heartbeat', 'case', 'case-1', 3, true);
    expect(live.stale).toBe(false);

    hub.push('Heartbeat', 'board', 'unit-1', 0, false);
    expect(board.stale).toBe(true);
    expect(live.stale).toBe(true);
    hub.push('Heartbeat', 'board', 'unit-1', 0, true);

    // The work list: its version is 3 (joined); a heartbeat at it reads nothing, one ahead of it reads /me/work again.
    hub.push('Heartbeat', 'work', 'u-sofie', 3, false);
    expect(work.stale).toBe(true);
    expect(live.stale).toBe(true);
    hub.push('Heartbeat', 'work', 'u-sofie', 3, true);
    expect(read).not.toHaveBeenCalled();
    expect(live.stale).toBe(false);
    hub.push('Heartbeat', 'work', 'u-sofie', 8, true);
    await settle();
    expect(read).toHaveBeenCalledTimes(1);
    expect(work.list?.version).toBe(8);
    expect(live.stale).toBe(false);
  });

  it('sends every command with a command id, and asks again with the same id while the outcome is unknown', async () => {
    const { hub, live } = setUp();
    await live.start();
    const answers = [
      { version: 3, events: [], error: { kind: 'OutcomeUnknown', code: 'outcome.unknown', detail: 'no answer' } },
      new Error("An unexpected error occurred invoking 'Execute' on the server. HubException: outcome.unknown: no answer"),
      { version: 4, events: evs(4), error: null },
    ];
    hub.answer = (method) => {
      if (method !== 'Execute') return undefined;
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    };

    const done = live.execute('case-1', 'AddGoal', { code: 'housing', text: 'x' });
    await vi.runAllTimersAsync();
    const outcome = await done;

    expect(outcome.error).toBeNull();
    expect(outcome.version).toBe(4);
    const calls = hub.invoke.mock.calls.filter((c) => c[0] === 'Execute');
    expect(calls).toHaveLength(3);
    const ids = new Set(calls.map((c) => c[4]));
    expect(ids.size).toBe(1);
    expect(typeof calls[0][4]).toBe('string');
    expect(String(calls[0][4]).length).toBeGreaterThan(8);

    // A second command gets an id of its own.
    answers.push({ version: 5, events: evs(5), error: null });
    await live.execute('case-1', 'AddGoal', { code: 'housing', text: 'y' });
    const executes = hub.invoke.mock.calls.filter((c) => c[0] === 'Execute');
    const last = executes[executes.length - 1];
    expect(ids.has(last[4])).toBe(false);
  });

  it('does not ask again about a refusal, and says so plainly when the outcome stays unknown', async () => {
    const { hub, live } = setUp();
    await live.start();
    hub.answer = (method) => (method === 'Execute' ? { version: 3, events: [], error: { kind: 'Conflict', code: 'version.stale', detail: 'x' } } : undefined);
    const refused = await live.execute('case-1', 'AddGoal', { code: 'housing', text: 'x' });
    expect(refused.error?.code).toBe('version.stale');
    expect(hub.invoke.mock.calls.filter((c) => c[0] === 'Execute')).toHaveLength(1);

    hub.answer = (method) => {
      if (method === 'Execute') throw new Error('Invocation canceled due to the underlying connection being closed.');
      return undefined;
    };
    const unknown = live.execute('case-1', 'AddGoal', { code: 'housing', text: 'y' });
    const seen = expect(unknown).rejects.toBeInstanceOf(OutcomeUnknownError);
    await vi.runAllTimersAsync();
    await seen;
  });

  it('keeps what needs me live: WorkChanged replaces the list, and a reconnect joins it again', async () => {
    const { hub, live, setServer } = setUp();
    await live.start();
    const work = live.openWork(async () => ({ userId: 'u-sofie', version: 0, items: [] }));
    expect(live.openWork(async () => ({ userId: 'x', version: 0, items: [] }))).toBe(work);
    await settle();
    expect(hub.invoke).toHaveBeenCalledWith('JoinWork');
    expect(work.status).toBe('live');

    const item = { itemId: 'case-x:handover:h-1', kind: 'HandoverOffered', caseId: 'case-x', personName: 'Ola', subject: 'housing',
      subjectTitle: 'Bolig', due: '2026-12-20', overdue: false, since: '2026-12-06T10:00:00Z', unitId: 'k', unitName: 'Kommunen',
      refId: 'h-1', action: 'handover.answer', detail: null };
    hub.push('WorkChanged', { userId: 'u-sofie', version: 4, items: [item] });
    expect(work.items.map((i) => i.itemId)).toEqual(['case-x:handover:h-1']);

    hub.reconnecting!();
    expect(work.status).toBe('read');
    setServer(7);
    hub.invoke.mockClear();
    hub.reconnected!();
    await settle();
    expect(hub.invoke).toHaveBeenCalledWith('JoinWork');
    expect(work.status).toBe('live');
    expect(work.items).toEqual([]);
  });
});

