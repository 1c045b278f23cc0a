import { describe, expect, it } from 'vitest';
import { redo, saveVersioned, staleConflict, textOf } from '../src/conflict';
import type { CommandOutcome, DomainError } from '../src/types';

const stale = (currentVersion: number | null, current: unknown): DomainError => ({
  kind: 'Conflict', code: 'version.stale', detail: 'The goal changed.', currentVersion, current,
});

/** A goal held by a fake case: an edit goes through only against the version it stands at. */
function goalStore(text: string, version: number) {
  const goal = { goalId: 'g-1', text, achieved: false, version };
  const sent: number[] = [];
  const send = (mine: string) => async (expectedVersion: number): Promise<CommandOutcome> => {
    sent.push(expectedVersion);
    if (expectedVersion !== goal.version) return { version: goal.version, events: [], error: stale(goal.version, { ...goal }) };
    goal.text = mine;
    goal.version += 1;
    return { version: goal.version, events: [], error: null };
  };
  return { goal, sent, send };
}

describe('staleConflict', () => {
  it('reads the other person\'s value and the version to redo against', () => {
    expect(staleConflict(stale(9, { text: 'Theirs', version: 9 }), 7, textOf('text'))).toEqual({ theirs: 'Theirs', version: 9 });
  });

  it('falls back to the item\'s own version, then to the version tried', () => {
    expect(staleConflict(stale(null, { text: 'T', version: 12 }), 7, textOf('text'))?.version).toBe(12);
    expect(staleConflict(stale(null, null), 7, textOf('text'))).toEqual({ theirs: null, version: 7 });
  });

  it('is no conflict for other refusals or none', () => {
    expect(staleConflict({ kind: 'Forbidden', code: 'case.not-member', detail: 'no' }, 3, textOf('text'))).toBeNull();
    expect(staleConflict(null, 3, textOf('text'))).toBeNull();
  });
});

describe('saveVersioned and redo', () => {
  it('lets one of two edits from the same version win; the other sees the winner\'s text and redoes theirs on top', async () => {
    const store = goalStore('Egen bolig', 4);
    const winner = await saveVersioned(4, store.send('Egen bolig innen mars'), textOf('text'));
    expect(winner).toEqual({ kind: 'saved', version: 5 });

    const loser = await saveVersioned(4, store.send('Egen bolig nær jobben'), textOf('text'));
    expect(loser).toEqual({ kind: 'conflict', conflict: { theirs: 'Egen bolig innen mars', version: 5 } });
    expect(store.goal.text).toBe('Egen bolig innen mars');

    if (loser.kind !== 'conflict') throw new Error('expected a conflict');
    const again = await redo(loser.conflict, store.send('Egen bolig nær jobben'), textOf('text'));
    expect(again).toEqual({ kind: 'saved', version: 6 });
    expect(store.goal.text).toBe('Egen bolig nær jobben');
    expect(store.sent).toEqual([4, 4, 5]);
  });

  it('passes any other refusal through unchanged', async () => {
    const error: DomainError = { kind: 'Forbidden', code: 'details.withheld', detail: 'Withheld.' };
    const r = await saveVersioned(1, async () => ({ version: 1, events: [], error }), textOf('text'));
    expect(r).toEqual({ kind: 'refused', error });
  });

  it('shows no text for a conflicting item whose field is withheld or missing', () => {
    expect(textOf('text')({ version: 3 })).toBeNull();
    expect(textOf('text')('not an object')).toBeNull();
  });
});
