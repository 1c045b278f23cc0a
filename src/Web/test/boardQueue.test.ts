import { describe, expect, it } from 'vitest';
import { defaultQueue, nameMatches, parseQueue, phasesOf, queue, serializeQueue, type QueueFilter } from '../src/boardQueue';
import type { UnitCaseEntry } from '../src/types';

const today = '2026-12-06';
const line = (caseId: string, over: Partial<UnitCaseEntry> = {}): UnitCaseEntry => ({
  caseId, personDisplayName: caseId, phase: 'Serving', relation: 'Current', expectedRelease: null, handoversAwaitingUnit: 0, caseVersion: 1,
  readiness: null, overdueDeadlines: 0, nextDeadline: null, nextDeadlineTitle: null, unownedAfterRelease: 0, endOfSupervision: null, answerDue: null,
  ...over,
});

const board = [
  line('Per', { expectedRelease: '2027-02-14', readiness: null }),
  line('Anne', { expectedRelease: '2026-12-27', readiness: 'Amber', nextDeadline: '2026-12-13' }),
  line('Jonas', { expectedRelease: '2027-02-04', overdueDeadlines: 2, nextDeadline: '2026-12-08' }),
  line('Siv', { expectedRelease: '2026-12-16', readiness: 'Red', unownedAfterRelease: 1 }),
  line('Ola', { expectedRelease: '2027-01-17', readiness: 'NotAvailableCapacity', relation: 'Incoming', handoversAwaitingUnit: 1, answerDue: '2027-01-03' }),
  line('Åse', { phase: 'Community', expectedRelease: null }),
];
const names = (f: Partial<QueueFilter>) => queue(board, { ...defaultQueue, ...f }, today).map((e) => e.caseId);

describe('the board as a work queue', () => {
  it('shows what needs attention first by default: awaiting an answer, then missed deadlines, then by release', () => {
    expect(names({})).toEqual(['Ola', 'Jonas', 'Siv', 'Anne', 'Per', 'Åse']);
  });

  it('sorts by readiness (capacity counts as red), missed deadlines, answer date, next deadline and name', () => {
    expect(names({ sort: 'readiness' })).toEqual(['Siv', 'Ola', 'Anne', 'Jonas', 'Per', 'Åse']);
    expect(names({ sort: 'overdue' })[0]).toBe('Jonas');
    expect(names({ sort: 'answer' })[0]).toBe('Ola');
    expect(names({ sort: 'deadline' }).slice(0, 2)).toEqual(['Jonas', 'Anne']);
    expect(names({ sort: 'name' })).toEqual(['Anne', 'Jonas', 'Ola', 'Per', 'Siv', 'Åse']);
    expect(names({ sort: 'release' })).toEqual(['Siv', 'Anne', 'Ola', 'Jonas', 'Per', 'Åse']);
  });

  it('filters by release window, readiness, phase, missed deadlines, unowned critical areas, awaiting answer and name', () => {
    expect(names({ window: '2', sort: 'release' })).toEqual(['Siv']);
    expect(names({ window: '4', sort: 'release' })).toEqual(['Siv', 'Anne']);
    expect(names({ window: 'unknown' })).toEqual(['Åse']);
    expect(names({ readiness: 'red', sort: 'name' })).toEqual(['Ola', 'Siv']);
    expect(names({ readiness: 'none', sort: 'name' })).toEqual(['Jonas', 'Per', 'Åse']);
    expect(names({ phase: 'Community' })).toEqual(['Åse']);
    expect(names({ overdue: true })).toEqual(['Jonas']);
    expect(names({ unowned: true })).toEqual(['Siv']);
    expect(names({ awaiting: true })).toEqual(['Ola']);
    expect(names({ q: 'ase' })).toEqual(['Åse']);
    expect(names({ overdue: true, unowned: true })).toEqual([]);
  });

  it('keeps its view in the address, leaving out the defaults, and reads anything unknown as the default', () => {
    const f: QueueFilter = { ...defaultQueue, sort: 'readiness', overdue: true, window: '4', q: 'Ola' };
    expect(serializeQueue(defaultQueue)).toBe('');
    expect(parseQueue(serializeQueue(f))).toEqual(f);
    expect(parseQueue('?sort=bogus&window=99&readiness=<x>&phase=a%20b')).toEqual(defaultQueue);
  });

  it('lists the phases present in the order of a case\'s path', () => {
    expect(phasesOf(board)).toEqual(['Serving', 'Community']);
  });

  it('matches names regardless of case and Norwegian letters', () => {
    expect(nameMatches('Hilde Sørensen', 'soren')).toBe(true);
    expect(nameMatches('Ola Nordmann', 'NORD')).toBe(true);
    expect(nameMatches('Ola Nordmann', 'kari')).toBe(false);
  });
});
