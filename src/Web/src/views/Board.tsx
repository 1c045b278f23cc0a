import { useEffect, useMemo, useState } from 'preact/hooks';
import { defaultQueue, parseQueue, phasesOf, queue, serializeQueue, type QueueFilter } from '../boardQueue';
import { useStore } from '../hooks';
import { daysUntil, formatDate, label, t } from '../i18n';
import { rw } from '../rulesWords';
import { boardHref, caseHref } from '../route';
import type { UnitCaseEntry, WorkItem } from '../types';
import { DateRel, ReadinessBadge, today, unitName, type AppCtx } from './common';
import { HandoverAnswer } from './HandoverAnswer';
import { refusalText } from './refusal';

/**
 * The card's colour: the case's release readiness when its window is open (capacity counts as red, never green),
 * red for overdue deadlines, a critical area unowned outside the prison, or a responsibility nobody can act on; before
 * that, days to release.
 */
function urgency(c: UnitCaseEntry, days: number | null): string {
  if (c.readiness === 'Red' || c.readiness === 'NotAvailableCapacity' || (c.overdueDeadlines ?? 0) > 0 || (c.orphanedResponsibilities ?? 0) > 0) return 'red';
  if (c.readiness === 'Amber') return 'amber';
  if (c.readiness === 'Green') return 'green';
  if ((c.unownedAfterRelease ?? 0) > 0 && days !== null && days <= 56) return 'red';
  if (days === null) return 'none';
  if (days <= 14) return 'red';
  if (days <= 56) return 'amber';
  return 'green';
}

/**
 * A unit's live board as a work queue: filter and sort by phase, release window, readiness, missed deadlines and
 * unowned critical areas (kept in the address), and answer incoming handovers right on the card. `?wall=1` shows it
 * in big type for a wall screen.
 */
export function Board({ unitId, query, live, api, store }: AppCtx & { unitId: string; query: URLSearchParams }) {
  const board = useMemo(() => live.openBoard(unitId), [live, unitId]);
  useEffect(() => () => live.closeBoard(board), [live, board]);
  const work = useMemo(() => live.openWork(() => api.getWork()), [live, api]);
  useStore(board);
  useStore(work);
  useStore(live);
  useStore(store);
  const filter = parseQueue(query.toString());
  const wall = query.get('wall') === '1';
  const setFilter = (f: QueueFilter, wallScreen = wall) => {
    const q = serializeQueue(f);
    const withWall = wallScreen ? (q ? `${q}&wall=1` : 'wall=1') : q;
    history.replaceState(null, '', boardHref(unitId, withWall));
    dispatchEvent(new HashChangeEvent('hashchange'));
  };
  const name = store.unit(unitId)?.name ?? (store.loaded ? unitName(store, unitId) : '');

  if (board.status === 'ended') return <p role="alert">{t().accessEnded}</p>;
  if (board.status === 'error') {
    return (
      <div class="board">
        <h1>{t().board}{name && `: ${name}`}</h1>
        <p class="error" role="alert" data-testid="board-refused">{refusalText(board.error)}</p>
      </div>
    );
  }
  const all = [...board.entries.values()];
  const rows = queue(all, filter, today());
  // Handovers this unit must answer, from my list of what needs me: answered right here.
  const offers = work.items.filter((i) => i.kind === 'HandoverOffered' && i.unitId === unitId);
  return (
    <div class={wall ? 'board wall' : 'board'}>
      <div class="section-head">
        <h1>{t().board}: {name}</h1>
        <button type="button" class="secondary no-print" aria-pressed={wall} data-action="wall" onClick={() => setFilter(filter, !wall)}>{t().wallScreen}</button>
      </div>
      <QueueControls filter={filter} phases={phasesOf(all)} onChange={(f) => setFilter(f)} />
      <p class="small" role="status" aria-live="polite" data-testid="board-count">
        {board.status === 'loading' ? t().loading : t().boardShowing(rows.length, all.length)}
      </p>
      {board.status !== 'loading' && (all.length === 0 ? <p>{t().boardEmpty}</p> : rows.length === 0 ? <p>{t().boardNoMatch}</p> : (
        <ul class="board-list" data-testid="board">
          {rows.map((c) => (
            <BoardCard key={c.caseId} c={c} offers={offers.filter((o) => o.caseId === c.caseId)} ctx={{ api }} />
          ))}
        </ul>
      ))}
    </div>
  );
}

function QueueControls({ filter, phases, onChange }: { filter: QueueFilter; phases: string[]; onChange: (f: QueueFilter) => void }) {
  const set = <K extends keyof QueueFilter>(k: K, v: QueueFilter[K]) => onChange({ ...filter, [k]: v });
  const [q, setQ] = useState(filter.q);
  const current = serializeQueue(filter);
  useEffect(() => {
    if (q === filter.q) return undefined;
    const timer = setTimeout(() => set('q', q), 250);
    return () => clearTimeout(timer);
  }, [q, current]);
  const changed = current !== '';
  return (
    <form class="queue-controls no-print" role="search" aria-label={t().queueFilters} onSubmit={(e) => e.preventDefault()} data-testid="queue-controls">
      <div>
        <label for="qf-sort">{t().sortBy}</label>
        <select id="qf-sort" value={filter.sort} onChange={(e) => set('sort', e.currentTarget.value as QueueFilter['sort'])}>
          {(Object.keys(t().queueSort) as QueueFilter['sort'][]).map((s) => <option key={s} value={s}>{t().queueSort[s]}</option>)}
        </select>
      </div>
      <div>
        <label for="qf-phase">{t().phase}</label>
        <select id="qf-phase" value={filter.phase} onChange={(e) => set('phase', e.currentTarget.value)}>
          <option value="all">{t().all}</option>
          {phases.map((p) => <option key={p} value={p}>{label(p)}</option>)}
        </select>
      </div>
      <div>
        <label for="qf-window">{t().releaseWindow}</label>
        <select id="qf-window" value={filter.window} onChange={(e) => set('window', e.currentTarget.value as QueueFilter['window'])}>
          {(['all', '2', '4', '8', '12', 'unknown'] as const).map((w) => <option key={w} value={w}>{t().windowLabel(w)}</option>)}
        </select>
      </div>
      <div>
        <label for="qf-ready">{t().readinessTitle}</label>
        <select id="qf-ready" value={filter.readiness} onChange={(e) => set('readiness', e.currentTarget.value as QueueFilter['readiness'])}>
          {(['all', 'red', 'amber', 'green', 'none'] as const).map((r) => <option key={r} value={r}>{t().readinessFilter[r]}</option>)}
        </select>
      </div>
      <div>
        <label for="qf-q">{t().searchPerson}</label>
        <input id="qf-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} autoComplete="off" />
      </div>
      <fieldset class="checks">
        <legend class="sr-only">{t().queueOnly}</legend>
        <label><input type="checkbox" name="overdue" checked={filter.overdue} onChange={(e) => set('overdue', e.currentTarget.checked)} /> {t().onlyOverdue}</label>
        <label><input type="checkbox" name="unowned" checked={filter.unowned} onChange={(e) => set('unowned', e.currentTarget.checked)} /> {t().onlyUnowned}</label>
        <label><input type="checkbox" name="awaiting" checked={filter.awaiting} onChange={(e) => set('awaiting', e.currentTarget.checked)} /> {t().onlyAwaiting}</label>
      </fieldset>
      {changed && <button type="button" class="link" onClick={() => { setQ(''); onChange(defaultQueue); }}>{t().resetFilters}</button>}
    </form>
  );
}

function BoardCard({ c, offers, ctx }: { c: UnitCaseEntry; offers: WorkItem[]; ctx: Pick<AppCtx, 'api'> }) {
  const days = c.expectedRelease ? daysUntil(c.expectedRelease) : null;
  return (
    <li class={`board-card rel-${c.relation} urg-${urgency(c, days)}`} data-case={c.caseId} data-person={c.personDisplayName}
      data-relation={c.relation} data-awaiting={c.handoversAwaitingUnit}>
      <div class="board-name">
        <a href={caseHref(c.caseId)}>{c.personDisplayName}</a>
        <span class="tag">{label(c.relation)}</span>
        <span class="tag">{label(c.phase)}</span>
      </div>
      <div class="board-release">
        <span class="small">{t().release}</span>
        <DateRel date={c.expectedRelease} />
        <span class="board-ready"><ReadinessBadge colour={c.readiness ?? null} /></span>
      </div>
      <div class="board-awaiting">
        {c.handoversAwaitingUnit > 0
          ? <strong class="await" data-testid="awaiting">⚑ {t().awaitingCount(c.handoversAwaitingUnit)}{c.answerDue && <> – {t().answerBy} {formatDate(c.answerDue)}</>}</strong>
          : null}
        {(c.overdueDeadlines ?? 0) > 0 ? <strong class="await" data-testid="overdue">! {t().overdueCount(c.overdueDeadlines ?? 0)}</strong> : null}
        {(c.unownedAfterRelease ?? 0) > 0 ? <strong class="await" data-testid="unowned">⚠ {t().unownedCount(c.unownedAfterRelease ?? 0)}</strong> : null}
        {(c.orphanedResponsibilities ?? 0) > 0 ? <strong class="await" data-testid="orphaned">! {rw().orphanedCount(c.orphanedResponsibilities ?? 0)}</strong> : null}
        {c.releaseForm ? <span class="small" data-testid="release-form">{rw().releaseForm(c.releaseForm)}</span> : null}
        {c.nextDeadline && c.nextDeadlineTitle
          ? <span class="small">{t().nextDeadline}: {c.nextDeadlineTitle} {formatDate(c.nextDeadline)}</span>
          : null}
        {c.endOfSupervision ? <span class="small">{t().supervisionEnds} {formatDate(c.endOfSupervision)}</span> : null}
        {c.handoversAwaitingUnit === 0 && !(c.overdueDeadlines ?? 0) && !(c.unownedAfterRelease ?? 0) && !(c.orphanedResponsibilities ?? 0) && !c.nextDeadline
          ? <span class="small">—</span>
          : null}
      </div>
      {offers.length > 0 && (
        <div class="board-offers">
          {offers.map((o) => <OfferAnswer key={o.itemId} item={o} ctx={ctx} />)}
        </div>
      )}
    </li>
  );
}

/** An incoming handover, answered on the board. */
function OfferAnswer({ item, ctx }: { item: WorkItem; ctx: Pick<AppCtx, 'api'> }) {
  const subject = item.subjectTitle ?? label(item.subject);
  return (
    <div class="offer" data-offer={item.refId ?? ''}>
      <p>
        <strong>{t().offerIncoming(subject)}</strong>
        {item.due && <> · {t().planned} {formatDate(item.due)}</>}
        {item.detail && <span class="small">{item.detail}</span>}
      </p>
      <HandoverAnswer api={ctx.api} item={item} />
    </div>
  );
}
