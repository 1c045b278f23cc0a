import { describe, expect, it, vi } from 'vitest';
import { BoardSession } from '../src/boardSession';
import type { UnitCaseEntry } from '../src/types';

const entry = (caseId: string, caseVersion: number, awaiting = 0): UnitCaseEntry => ({
  caseId, personDisplayName: caseId, phase: 'Serving', relation: 'Incoming', expectedRelease: '2027-01-04', handoversAwaitingUnit: awaiting, caseVersion,
});

describe('BoardSession', () => {
  it('replaces its lines on join and applies newer lines, ignoring older ones', async () => {
    const hub = { joinBoard: vi.fn(async () => ({ unitId: 'u', cases: [entry('a', 5, 1)] })), leaveBoard: vi.fn(async () => undefined) };
    const b = new BoardSession('u', hub);
    await b.join();
    expect(b.entries.get('a')?.handoversAwaitingUnit).toBe(1);
    b.apply({ caseId: 'a', caseVersion: 4, entry: entry('a', 4, 3) });
    expect(b.entries.get('a')?.caseVersion).toBe(5);
    b.apply({ caseId: 'a', caseVersion: 6, entry: entry('a', 6, 0) });
    expect(b.entries.get('a')?.handoversAwaitingUnit).toBe(0);
    b.apply({ caseId: 'a', caseVersion: 7, entry: null });
    expect(b.entries.has('a')).toBe(false);
    b.apply({ caseId: 'a', caseVersion: 6, entry: entry('a', 6) });
    expect(b.entries.has('a')).toBe(false);
  });
});
