import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { useStore } from '../hooks';
import { daysUntil, formatDate, label, t } from '../i18n';
import type { Live } from '../live';
import type { UnitCaseEntry } from '../types';

/**
 * The card's colour: the case's release readiness when its window is open (capacity counts as red, never green),
 * red for overdue deadlines or a critical area unowned outside the prison; before that, days to release.
 */
function urgency(c: UnitCaseEntry, days: number | null): string {
  if (c.readiness === 'Red' || c.readiness === 'NotAvailableCapacity' || (c.overdueDeadlines ?? 0) > 0) return 'red';
  if (c.readiness === 'Amber') return 'amber';
  if (c.readiness === 'Green') return 'green';
  if ((c.unownedAfterRelease ?? 0) > 0 && days !== null && days <= 56) return 'red';
  if (days === null) return 'none';
  if (days <= 14) return 'red';
  if (days <= 56) return 'amber';
  return 'green';
}

/** A unit's live board, made for a wall screen: big type, strong contrast, live via BoardChanged. */
export function Board({ unitId, live, api }: { unitId: string; live: Live; api: Api }) {
  const board = useMemo(() => live.openBoard(unitId), [live, unitId]);
  useEffect(() => () => live.closeBoard(board), [live, board]);
  useStore(board);
  useStore(live);
  const [name, setName] = useState(unitId);
  useEffect(() => {
    api.getUnit(unitId).then((u) => setName(u.info.name)).catch(() => undefined);
  }, [api, unitId]);

  if (board.status === 'ended') return <p role="alert">{t().accessEnded}</p>;
  if (board.status === 'error') return <p class="error" role="alert">{board.error}</p>;
  const rows = board.sorted;
  return (
    <div class="board">
      <h1>{t().board}: {name}</h1>
      {board.status === 'loading' ? <p>{t().loading}</p> : rows.length === 0 ? <p>{t().boardEmpty}</p> : (
        <ul class="board-list" data-testid="board">
          {rows.map((c) => {
            const days = c.expectedRelease ? daysUntil(c.expectedRelease) : null;
            return (
              <li key={c.caseId} class={`board-card rel-${c.relation} urg-${urgency(c, days)}`} data-case={c.caseId}
                data-relation={c.relation} data-awaiting={c.handoversAwaitingUnit}>
                <div class="board-name">
                  <a href={`#/cases/${encodeURIComponent(c.caseId)}`}>{c.personDisplayName}</a>
                  <span class="tag">{label(c.relation)}</span>
                  <span class="tag">{label(c.phase)}</span>
                </div>
                <div class="board-release">
                  <span class="small">{t().release}</span>
                  {c.expectedRelease ? <>{formatDate(c.expectedRelease)} <span class="days">({t().daysLeft(days ?? 0)})</span></> : t().unknownDate}
                </div>
                <div class="board-awaiting">
                  {c.handoversAwaitingUnit > 0
                    ? <strong class="await" data-testid="awaiting">⚑ {t().awaitingCount(c.handoversAwaitingUnit)}</strong>
                    : null}
                  {(c.overdueDeadlines ?? 0) > 0 ? <strong class="await" data-testid="overdue">! {t().overdueCount(c.overdueDeadlines ?? 0)}</strong> : null}
                  {(c.unownedAfterRelease ?? 0) > 0 ? <strong class="await" data-testid="unowned">⚠ {t().unownedCount(c.unownedAfterRelease ?? 0)}</strong> : null}
                  {c.nextDeadline && c.nextDeadlineTitle
                    ? <span class="small">{t().nextDeadline}: {c.nextDeadlineTitle} {formatDate(c.nextDeadline)}</span>
                    : null}
                  {c.handoversAwaitingUnit === 0 && !(c.overdueDeadlines ?? 0) && !(c.unownedAfterRelease ?? 0) && !c.nextDeadline
                    ? <span class="small">—</span>
                    : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
