import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseSession, type CaseApiPort, type CaseHubPort } from '../src/caseSession';
import type { CaseEventRecord, CaseJoined } from '../src/types';
import { caseAt, evs, settle } from './helpers';

function joined(events: CaseEventRecord[], current: number, complete = true): CaseJoined {
  return { caseId: 'case-1', currentVersion: current, events, complete, presence: { entries: [], locks: [] } };
}

function fakes(snapshotVersion: () => number) {
  const hub = {
    joinCase: vi.fn<CaseHubPort['joinCase']>(async () => joined([], snapshotVersion())),
    leaveCase: vi.fn<CaseHubPort['leaveCase']>(async () => undefined),
    updatePresence: vi.fn<CaseHubPort['updatePresence']>(async () => undefined),
  };
  const api = {
    getCase: vi.fn<CaseApiPort['getCase']>(async () => caseAt(snapshotVersion())),
    getEvents: vi.fn<CaseApiPort['getEvents']>(async () => ({ caseId: 'case-1', currentVersion: snapshotVersion(), events: [] as CaseEventRecord[] })),
  };
  return { hub, api };
}

describe('CaseSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads the case, then joins from the version it read', async () => {
    const { hub, api } = fakes(() => 10);
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    expect(hub.joinCase).toHaveBeenCalledWith('case-1', 10);
    expect(s.lastVersion).toBe(10);
    expect(s.status).toBe('live');
    s.stop();
  });

  it('applies pushed events once and reads the case again after each batch', async () => {
    let server = 10;
    const { hub, api } = fakes(() => server);
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    api.getCase.mockClear();
    server = 12;
    s.receive(evs(11, 12));
    s.receive(evs(11, 12)); // the same events again, e.g. from the join result: nothing more happens
    await vi.runOnlyPendingTimersAsync();
    await settle();
    expect(s.lastVersion).toBe(12);
    expect(s.state?.version).toBe(12);
    expect(api.getCase).toHaveBeenCalledTimes(1);
    s.stop();
  });

  it('events that overlap between the join result and pushes are applied once', async () => {
    let server = 5;
    const { hub, api } = fakes(() => server);
    hub.joinCase.mockImplementation(async () => {
      server = 7;
      s.receive(evs(6)); // a push that arrives before JoinCase returns
      return joined(evs(6, 7), 7);
    });
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    await settle();
    expect(s.lastVersion).toBe(7);
    expect(s.state?.version).toBe(7);
    const applied = s.recent.map((e) => e.version);
    expect(applied[0]).toBe(6);
    expect(new Set(applied).size).toBe(applied.length); // nothing applied twice
    s.stop();
  });

  it('fills a gap from the event log when the missing push does not come', async () => {
    let server = 3;
    const { hub, api } = fakes(() => server);
    const s = new CaseSession('case-1', hub, api, { gapMs: 1000 });
    await s.start();
    server = 6;
    api.getEvents.mockResolvedValueOnce({ caseId: 'case-1', currentVersion: 6, events: evs(4, 5, 6) });
    s.receive(evs(6)); // 4 and 5 were lost
    expect(s.lastVersion).toBe(3);
    expect(api.getEvents).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(api.getEvents).toHaveBeenCalledWith('case-1', 3);
    expect(s.lastVersion).toBe(6);
    expect(s.recent.map((e) => e.version)).toEqual([4, 5, 6]);
    s.stop();
  });

  it('does not fetch when the missing push arrives in time', async () => {
    const { hub, api } = fakes(() => 3);
    const s = new CaseSession('case-1', hub, api, { gapMs: 1000 });
    await s.start();
    s.receive(evs(5));
    await vi.advanceTimersByTimeAsync(500);
    s.receive(evs(4));
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.getEvents).not.toHaveBeenCalled();
    expect(s.lastVersion).toBe(5);
    s.stop();
  });

  it('rejoins with its last version after a reconnect and catches up on what it missed', async () => {
    let server = 8;
    const { hub, api } = fakes(() => server);
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    server = 9;
    s.receive(evs(9));
    await settle();
    s.disconnected();
    server = 11;
    hub.joinCase.mockResolvedValueOnce(joined(evs(10, 11), 11));
    await s.join();
    await vi.runOnlyPendingTimersAsync();
    await settle();
    expect(hub.joinCase).toHaveBeenLastCalledWith('case-1', 9);
    expect(s.lastVersion).toBe(11);
    expect(s.state?.version).toBe(11);
    s.stop();
  });

  it('reads again, after a pause, when a read is older than the events already received', async () => {
    let server = 2;
    const { hub, api } = fakes(() => server);
    const s = new CaseSession('case-1', hub, api, { gapMs: 900 });
    await s.start();
    api.getCase.mockClear();
    s.receive(evs(3)); // the read that follows still answers version 2
    await settle();
    expect(api.getCase).toHaveBeenCalledTimes(1);
    server = 3;
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    expect(api.getCase).toHaveBeenCalledTimes(2);
    expect(s.state?.version).toBe(3);
    s.stop();
  });

  it('keeps joining until the catch-up is complete', async () => {
    const { hub, api } = fakes(() => 0);
    hub.joinCase
      .mockResolvedValueOnce(joined(evs(1, 2), 4, false))
      .mockResolvedValueOnce(joined(evs(3, 4), 4, true));
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    expect(hub.joinCase.mock.calls.map((c) => c[1])).toEqual([0, 2]);
    expect(s.lastVersion).toBe(4);
    s.stop();
  });

  it('sends presence on join and as a heartbeat', async () => {
    const { hub, api } = fakes(() => 1);
    const s = new CaseSession('case-1', hub, api, { heartbeatMs: 15000 });
    await s.start();
    expect(hub.updatePresence).toHaveBeenCalledTimes(1);
    s.setMyPresence('InRoom', 'need:housing:assessment');
    expect(hub.updatePresence).toHaveBeenLastCalledWith('case-1', 'InRoom', 'need:housing:assessment');
    await vi.advanceTimersByTimeAsync(15000);
    expect(hub.updatePresence).toHaveBeenCalledTimes(3);
    s.disconnected();
    await vi.advanceTimersByTimeAsync(45000);
    expect(hub.updatePresence).toHaveBeenCalledTimes(3);
    s.stop();
  });

  it('drops the case on AccessEnded', async () => {
    const { hub, api } = fakes(() => 1);
    const s = new CaseSession('case-1', hub, api);
    await s.start();
    const seen: string[] = [];
    s.subscribe(() => seen.push(s.status));
    s.accessEnded();
    expect(s.state).toBeNull();
    expect(seen).toContain('ended');
    s.receive(evs(2));
    expect(s.lastVersion).toBe(1);
  });
});
