import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardSession } from '../src/boardSession';
import { CaseSession, type CaseApiPort, type CaseHubPort } from '../src/caseSession';
import type { CaseEventRecord, UnitCaseEntry } from '../src/types';
import { caseAt, evs, settle } from './helpers';

function caseFakes(server: { version: number }) {
  const hub = {
    joinCase: vi.fn<CaseHubPort['joinCase']>(async (_id, after) => ({
      caseId: 'case-1', currentVersion: server.version, complete: true, presence: { entries: [], locks: [] },
      events: evs(...Array.from({ length: Math.max(0, server.version - after) }, (_, i) => after + i + 1)),
    })),
    leaveCase: vi.fn<CaseHubPort['leaveCase']>(async () => undefined),
    updatePresence: vi.fn<CaseHubPort['updatePresence']>(async () => undefined),
  };
  const api = {
    getCase: vi.fn<CaseApiPort['getCase']>(async () => caseAt(server.version)),
    getEvents: vi.fn<CaseApiPort['getEvents']>(async (_id, after) => ({
      caseId: 'case-1', currentVersion: server.version,
      events: evs(...Array.from({ length: Math.max(0, server.version - after) }, (_, i) => after + i + 1)) as CaseEventRecord[],
    })),
  };
  return { hub, api };
}

describe('a case view and the server\'s heartbeats', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stays quiet and current while heartbeats name the version it holds', async () => {
    const server = { version: 4 };
    const { hub, api } = caseFakes(server);
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    api.getEvents.mockClear();
    for (let i = 0; i < 5; i++) {
      s.heartbeat(4, true);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(s.stale).toBe(false);
    expect(api.getEvents).not.toHaveBeenCalled();
    expect(s.lastVersion).toBe(4);
    s.stop();
  });

  it('fetches what it missed at once when a heartbeat names a later head (a lost push, no later push to show the gap)', async () => {
    const server = { version: 4 };
    const { hub, api } = caseFakes(server);
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    server.version = 6; // two events whose pushes never came
    s.heartbeat(6, true);
    await settle();
    expect(api.getEvents).toHaveBeenCalledWith('case-1', 4);
    expect(s.lastVersion).toBe(6);
    expect(s.stale).toBe(false);
    s.stop();
  });

  it('looks stale while the server has lost touch with the case, and current again when it is back', async () => {
    const server = { version: 4 };
    const { hub, api } = caseFakes(server);
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    const changes = vi.fn();
    s.subscribe(changes);
    s.heartbeat(4, false);
    expect(s.stale).toBe(true);
    expect(changes).toHaveBeenCalled();
    s.heartbeat(4, true);
    expect(s.stale).toBe(false);
    s.stop();
  });

  it('counts silence after heartbeats as stale and joins again from what it holds, until something comes', async () => {
    const server = { version: 4 };
    const { hub, api } = caseFakes(server);
    const s = new CaseSession('case-1', hub, api, { staleMs: 3000 });
    await s.start();
    s.heartbeat(4, true);
    hub.joinCase.mockClear();
    server.version = 5;
    await vi.advanceTimersByTimeAsync(2500);
    expect(s.stale).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    await settle();
    expect(s.stale).toBe(true);
    expect(hub.joinCase).toHaveBeenCalledWith('case-1', 4);
    expect(s.lastVersion).toBe(5);
    s.heartbeat(5, true);
    expect(s.stale).toBe(false);
    s.stop();
  });

  it('does not count silence before any heartbeat (a server without heartbeats) or while disconnected', async () => {
    const server = { version: 4 };
    const { hub, api } = caseFakes(server);
    const s = new CaseSession('case-1', hub, api, { staleMs: 3000 });
    await s.start();
    await vi.advanceTimersByTimeAsync(10000);
    expect(s.stale).toBe(false);
    s.heartbeat(4, true);
    s.disconnected();
    await vi.advanceTimersByTimeAsync(10000);
    expect(s.stale).toBe(false);
    s.stop();
  });
});

const line = (caseId: string, caseVersion: number): UnitCaseEntry => ({
  caseId, personDisplayName: caseId, phase: 'Serving', relation: 'Incoming', expectedRelease: '2027-01-04', handoversAwaitingUnit: 0, caseVersion,
});

describe('a board view and the server\'s heartbeats', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the board version from the join and each change, and joins again when a heartbeat names a later one', async () => {
    let board = { unitId: 'u', version: 100, cases: [line('a', 1)] };
    const hub = { joinBoard: vi.fn(async () => board), leaveBoard: vi.fn(async () => undefined) };
    const b = new BoardSession('u', hub);
    await b.join();
    expect(b.version).toBe(100);
    b.apply({ caseId: 'a', caseVersion: 2, entry: line('a', 2), boardVersion: 101 });
    expect(b.version).toBe(101);

    b.heartbeat(101, true);
    await settle();
    expect(hub.joinBoard).toHaveBeenCalledTimes(1);

    board = { unitId: 'u', version: 103, cases: [line('a', 2), line('b', 1)] }; // a change whose push was lost
    b.heartbeat(103, true);
    await settle();
    expect(hub.joinBoard).toHaveBeenCalledTimes(2);
    expect(b.version).toBe(103);
    expect(b.entries.has('b')).toBe(true);
    expect(b.stale).toBe(false);
    b.heartbeat(103, false);
    expect(b.stale).toBe(true);
    b.stop();
  });
});
