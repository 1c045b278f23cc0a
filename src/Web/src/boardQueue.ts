// The unit board as a work queue: which lines to show and in what order, kept in the page's address so a wall screen
// or a bookmark keeps its view. Pure: the board renders what these return.
import type { UnitCaseEntry } from './types';

export type QueueSort = 'attention' | 'release' | 'readiness' | 'overdue' | 'answer' | 'deadline' | 'name';
export type QueueWindow = 'all' | '2' | '4' | '8' | '12' | 'unknown';
export type QueueReadiness = 'all' | 'red' | 'amber' | 'green' | 'none';

export interface QueueFilter {
  /** A phase (`Serving`, …) or `all`. */
  phase: string;
  /** Expected release within this many weeks (passed dates included), unknown, or any. */
  window: QueueWindow;
  readiness: QueueReadiness;
  /** Only lines with missed deadlines. */
  overdue: boolean;
  /** Only lines with critical need areas without an owner outside the prison. */
  unowned: boolean;
  /** Only lines with handovers awaiting this unit's answer. */
  awaiting: boolean;
  /** Part of the person's name. */
  q: string;
  sort: QueueSort;
}

export const defaultQueue: QueueFilter = {
  phase: 'all', window: 'all', readiness: 'all', overdue: false, unowned: false, awaiting: false, q: '', sort: 'attention',
};

const sorts: QueueSort[] = ['attention', 'release', 'readiness', 'overdue', 'answer', 'deadline', 'name'];
const windows: QueueWindow[] = ['all', '2', '4', '8', '12', 'unknown'];
const readinesses: QueueReadiness[] = ['all', 'red', 'amber', 'green', 'none'];

/** The filter from the address's query (`sort=readiness&overdue=1&window=4`); anything unknown is the default. */
export function parseQueue(query: string): QueueFilter {
  const p = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const v = p.get(key) as T | null;
    return v !== null && allowed.includes(v) ? v : fallback;
  };
  const phase = p.get('phase');
  return {
    phase: phase && /^[A-Za-z]+$/.test(phase) ? phase : 'all',
    window: pick('window', windows, 'all'),
    readiness: pick('readiness', readinesses, 'all'),
    overdue: p.get('overdue') === '1',
    unowned: p.get('unowned') === '1',
    awaiting: p.get('awaiting') === '1',
    q: (p.get('q') ?? '').slice(0, 100),
    sort: pick('sort', sorts, 'attention'),
  };
}

/** The query for a filter, leaving out what is the default (empty for the default view). */
export function serializeQueue(f: QueueFilter): string {
  const p = new URLSearchParams();
  if (f.phase !== 'all') p.set('phase', f.phase);
  if (f.window !== 'all') p.set('window', f.window);
  if (f.readiness !== 'all') p.set('readiness', f.readiness);
  if (f.overdue) p.set('overdue', '1');
  if (f.unowned) p.set('unowned', '1');
  if (f.awaiting) p.set('awaiting', '1');
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.sort !== 'attention') p.set('sort', f.sort);
  return p.toString();
}

/** Whole days from `today` to `date` (both yyyy-MM-dd). */
export function daysBetween(today: string, date: string): number {
  const d = (s: string) => {
    const [y, m, dd] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, dd);
  };
  return Math.round((d(date) - d(today)) / 86400000);
}

const readinessRank = (r: UnitCaseEntry['readiness']): number =>
  r === 'Red' || r === 'NotAvailableCapacity' ? 0 : r === 'Amber' ? 1 : r === 'Green' ? 2 : 3;

/** Accent- and case-insensitive "contains", so «soren» finds Sørensen and «ase» finds Åse. */
export function nameMatches(name: string, q: string): boolean {
  const fold = (s: string) => s.toLocaleLowerCase('nb').replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/å/g, 'a')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return fold(name).includes(fold(q.trim()));
}

/** The lines the filter lets through, in its order. */
export function queue(entries: readonly UnitCaseEntry[], f: QueueFilter, today: string): UnitCaseEntry[] {
  const release = (e: UnitCaseEntry) => e.expectedRelease ?? '9999-12-31';
  const byRelease = (a: UnitCaseEntry, b: UnitCaseEntry) =>
    release(a).localeCompare(release(b)) || a.personDisplayName.localeCompare(b.personDisplayName, 'nb') || a.caseId.localeCompare(b.caseId);
  const order: Record<QueueSort, (a: UnitCaseEntry, b: UnitCaseEntry) => number> = {
    attention: (a, b) =>
      Number(b.handoversAwaitingUnit > 0) - Number(a.handoversAwaitingUnit > 0) ||
      Number((b.overdueDeadlines ?? 0) > 0) - Number((a.overdueDeadlines ?? 0) > 0) || byRelease(a, b),
    release: byRelease,
    readiness: (a, b) => readinessRank(a.readiness) - readinessRank(b.readiness) || byRelease(a, b),
    overdue: (a, b) => (b.overdueDeadlines ?? 0) - (a.overdueDeadlines ?? 0) || byRelease(a, b),
    answer: (a, b) => (a.answerDue ?? '9999-12-31').localeCompare(b.answerDue ?? '9999-12-31') || byRelease(a, b),
    deadline: (a, b) => (a.nextDeadline ?? '9999-12-31').localeCompare(b.nextDeadline ?? '9999-12-31') || byRelease(a, b),
    name: (a, b) => a.personDisplayName.localeCompare(b.personDisplayName, 'nb') || a.caseId.localeCompare(b.caseId),
  };
  return entries
    .filter((e) => f.phase === 'all' || e.phase === f.phase)
    .filter((e) => {
      if (f.window === 'all') return true;
      if (f.window === 'unknown') return !e.expectedRelease;
      return !!e.expectedRelease && daysBetween(today, e.expectedRelease) <= Number(f.window) * 7;
    })
    .filter((e) => {
      switch (f.readiness) {
        case 'red': return e.readiness === 'Red' || e.readiness === 'NotAvailableCapacity';
        case 'amber': return e.readiness === 'Amber';
        case 'green': return e.readiness === 'Green';
        case 'none': return !e.readiness;
        default: return true;
      }
    })
    .filter((e) => !f.overdue || (e.overdueDeadlines ?? 0) > 0)
    .filter((e) => !f.unowned || (e.unownedAfterRelease ?? 0) > 0)
    .filter((e) => !f.awaiting || e.handoversAwaitingUnit > 0)
    .filter((e) => !f.q.trim() || nameMatches(e.personDisplayName, f.q))
    .sort(order[f.sort]);
}

/** The phases present on the board, in the order of a case's path. */
export function phasesOf(entries: readonly UnitCaseEntry[]): string[] {
  const path = ['Summoned', 'Intake', 'Serving', 'Community', 'Released', 'Aftercare', 'Closed'];
  const present = new Set(entries.map((e) => e.phase));
  return [...path.filter((p) => present.has(p)), ...[...present].filter((p) => !path.includes(p)).sort()];
}
