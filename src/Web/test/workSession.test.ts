import { describe, expect, it, vi } from 'vitest';
import { WorkSession, sortWork } from '../src/workSession';
import type { WorkItem, WorkList } from '../src/types';

export function item(itemId: string, over: Partial<WorkItem> = {}): WorkItem {
  return {
    itemId, kind: 'HandoverOffered', caseId: 'case-x', personName: 'Ola Nordmann', subject: 'housing', subjectTitle: 'Bolig',
    due: null, overdue: false, since: '2026-12-06T10:00:00Z', unitId: 'kommune', unitName: 'Bergen kommune', refId: 'h-1',
    action: 'handover.answer', detail: null, ...over,
  };
}

const list = (version: number, ...items: WorkItem[]): WorkList => ({ userId: 'u-sofie', version, items });

function port(joined: WorkList | Error, read?: WorkList | Error) {
  return {
    joinWork: vi.fn(async () => { if (joined instanceof Error) throw joined; return joined; }),
    leaveWork: vi.fn(async () => undefined),
    readWork: vi.fn(async () => { if (!read || read instanceof Error) throw read ?? new Error('no'); return read; }),
  };
}

describe('WorkSession', () => {
  it('reads the list again when a heartbeat is ahead of its version, and is stale while the server lost touch or is silent', async () => {
    vi.useFakeTimers();
    try {
      const p = port(list(3, item('a')), list(5, item('a'), item('b')));
      const w = new WorkSession(p, 3000);
      await w.join();

      // A heartbeat at the version shown reads nothing.
      w.heartbeat(3, true);
      expect(p.readWork).not.toHaveBeenCalled();
      expect(w.stale).toBe(false);

      // Ahead of it: a push was lost, so the list is behind and read again over REST.
      w.heartbeat(5, true);
      await vi.advanceTimersByTimeAsync(0);
      expect(p.readWork).toHaveBeenCalledTimes(1);
      expect(w.list?.version).toBe(5);
      expect(w.items.map((i) => i.itemId)).toEqual(['a', 'b']);

      // The server lost touch with the list: stale until it is live again.
      w.heartbeat(5, false);
      expect(w.stale).toBe(true);
      w.heartbeat(5, true);
      expect(w.stale).toBe(false);

      // Silence: stale, and joined again.
      p.joinWork.mockClear();
      await vi.advanceTimersByTimeAsync(4000);
      expect(w.stale).toBe(true);
      expect(p.joinWork).toHaveBeenCalled();
      w.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the joined list, then takes each newer list whole and ignores older ones', async () => {
    const w = new WorkSession(port(list(3, item('a'))));
    const seen = vi.fn();
    w.subscribe(seen);
    await w.join();
    expect(w.status).toBe('live');
    expect(w.items.map((i) => i.itemId)).toEqual(['a']);

    w.apply(list(5, item('a'), item('b')));
    expect(w.items.map((i) => i.itemId)).toEqual(['a', 'b']);
    expect([...w.fresh]).toEqual(['b']);

    // A late push of version 4 changes nothing; the item done in version 6 goes.
    w.apply(list(4));
    expect(w.items).toHaveLength(2);
    w.apply(list(6, item('b')));
    expect(w.items.map((i) => i.itemId)).toEqual(['b']);
    expect(w.fresh.size).toBe(0);
    expect(seen).toHaveBeenCalledTimes(3);
  });

  it('reads the list over REST when the hub cannot be joined, and says it is not live', async () => {
    const w = new WorkSession(port(new Error("HubException: Method does not exist."), list(2, item('a'))));
    await w.join();
    expect(w.status).toBe('read');
    expect(w.items).toHaveLength(1);
  });

  it('is in error only when neither the hub nor the read answers', async () => {
    const w = new WorkSession(port(new Error('down'), new Error('down')));
    await w.join();
    expect(w.status).toBe('error');
  });

  it('rejoining after a reconnect takes the server list even at the same version, and leaves once', async () => {
    const p = port(list(3, item('a')));
    const w = new WorkSession(p);
    await w.join();
    w.disconnected();
    expect(w.status).toBe('read');
    p.joinWork.mockResolvedValueOnce(list(3, item('a')));
    await w.join();
    expect(w.status).toBe('live');
    w.stop();
    w.stop();
    expect(p.leaveWork).toHaveBeenCalledTimes(1);
  });
});

describe('sortWork', () => {
  it('puts the overdue first, then by due date with undated last, then the more pressing kind', () => {
    const sorted = sortWork([
      item('undated', { due: null }),
      item('later', { due: '2026-12-20' }),
      item('soon-dates', { due: '2026-12-10', kind: 'KeyDatesChanged' }),
      item('soon-escalation', { due: '2026-12-10', kind: 'Escalation' }),
      item('missed', { due: '2026-12-30', overdue: true, kind: 'DeadlineMissed' }),
    ]);
    expect(sorted.map((i) => i.itemId)).toEqual(['missed', 'soon-escalation', 'soon-dates', 'later', 'undated']);
  });
});

describe('where a work item is acted on', async () => {
  const { workAct, caseLinkOf } = await import('../src/workItems');
  it('answers a handover and acknowledges dates right on the list; the rest open the page that does it', () => {
    expect(workAct(item('a'))).toEqual({ kind: 'answer-handover', handoverId: 'h-1' });
    expect(workAct(item('b', { kind: 'ReleaseMovedEarlier', action: 'dates.acknowledge', refId: '12' }))).toEqual({ kind: 'acknowledge-dates', datesVersion: 12 });
    expect(workAct(item('c', { kind: 'KeyDatesChanged', action: 'dates.acknowledge', refId: null }))).toEqual({ kind: 'acknowledge-dates', datesVersion: null });
    expect(workAct(item('d', { kind: 'ProposalToAnswer', action: 'proposal.answer', refId: 'p-9' }))).toEqual({ kind: 'link', href: '#/cases/case-x?focus=proposal-p-9' });
    expect(workAct(item('e', { kind: 'DeadlineMissed', action: 'deadline.meet', refId: 'needs-conversation-1' })))
      .toEqual({ kind: 'link', href: '#/cases/case-x/time?focus=deadline-needs-conversation-1' });
    expect(workAct(item('f', { kind: 'ConsentToConfirm', action: 'consent.confirm' }))).toEqual({ kind: 'link', href: '#/me/case-x?focus=consent' });
    expect(workAct(item('g', { kind: 'OwnerLeftUnit', action: 'responsibility.reassign' }))).toEqual({ kind: 'link', href: '#/cases/case-x?focus=orphans' });
  });

  it('sends someone not yet in the case to their unit\'s board, and a member to the case', () => {
    expect(caseLinkOf(item('a'), () => false)).toBe('#/units/kommune/board?q=Ola%20Nordmann');
    expect(caseLinkOf(item('a'), () => true)).toBe('#/cases/case-x');
  });
});

describe('an escalation on the list', async () => {
  const { workAct } = await import('../src/workItems');
  it('is recorded handled on the list, and opens the deadlines for a missed deadline or the handovers for a responsibility', () => {
    const esc = (subject: string) => item('x', { kind: 'Escalation', action: 'escalation.resolve', refId: 'esc-1', subject });
    expect(workAct(esc('needs-conversation-1'))).toEqual({ kind: 'resolve-escalation', escalationId: 'esc-1', href: '#/cases/case-x/time?focus=deadlines' });
    expect(workAct(esc('income-debt'))).toEqual({ kind: 'resolve-escalation', escalationId: 'esc-1', href: '#/cases/case-x?focus=handovers' });
    expect(workAct(esc('coordinator'))).toMatchObject({ href: '#/cases/case-x?focus=handovers' });
  });
});
