import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Live, OfflineError, type HubLike } from '../src/live';
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
  stop = vi.fn(async () => undefined);
  on(method: string, handler: (...args: any[]) => void) { this.handlers.set(method, handler); }
  onreconnecting(h: () => void) { this.reconnecting = h; }
  onreconnected(h: () => void) { this.reconnected = h; }
  onclose(h: () => void) { this.closed = h; }
  push(method: string, ...args: unknown[]) { this.handlers.get(method)?.(...args); }
}

describe('Live', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setUp() {
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
    const live = new Live(hub, api, 1000);
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

  it('refuses commands while offline instead of queueing them out of sight', async () => {
    const { hub, live } = setUp();
    await live.start();
    hub.reconnecting!();
    await expect(live.execute('case-1', 'AddGoal', { code: 'housing', text: 'x' })).rejects.toBeInstanceOf(OfflineError);
    expect(hub.invoke).not.toHaveBeenCalledWith('Execute', expect.anything(), expect.anything(), expect.anything());
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
