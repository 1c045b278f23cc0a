import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useStore } from '../hooks';
import { formatDate, label, t } from '../i18n';
import { boardHref, caseHref } from '../route';
import { startPage } from '../signInChoices';
import type { Me, MyCase, WorkItem } from '../types';
import { caseLinkOf, workAct } from '../workItems';
import type { WorkSession } from '../workSession';
import { Outcome, ReadinessBadge, DateRel, useAction, type AppCtx } from './common';
import { HandoverAnswer } from './HandoverAnswer';

/** A caseworker's day starts here: what needs them now, live, and their cases. */
export function Home(ctx: AppCtx) {
  const { live, api, store } = ctx;
  useStore(store);
  const me = store.me;
  // The person has no home of their own: their plan is where they start.
  useEffect(() => {
    if (me && me.units.length === 0 && me.personCases.length > 0) location.replace(startPage(me));
  }, [me]);
  const work = useMemo(() => live.openWork(() => api.getWork()), [live, api]);
  useStore(work);
  const [cases, setCases] = useState<MyCase[]>([]);

  return (
    <div class="home">
      <h1>{t().homeTitle}</h1>
      {me?.isAdmin && me.units.length === 0 && (
        <p class="card" data-testid="admin-hint">{t().homeAdminHint} <a href="#/admin">{t().navAdmin}</a></p>
      )}
      {store.loaded && me && me.units.length === 0 && !me.isAdmin && me.personCases.length === 0 && (
        <p class="card" data-testid="no-unit">{t().homeNoUnit}</p>
      )}
      <div class="home-grid">
        <WorkList ctx={ctx} work={work} cases={cases} />
        <MyCases ctx={ctx} version={work.list?.version ?? 0} onCases={setCases} />
      </div>
    </div>
  );
}

function WorkList({ ctx, work, cases }: { ctx: AppCtx; work: WorkSession; cases: MyCase[] }) {
  const items = work.items;
  const fresh = items.filter((i) => work.fresh.has(i.itemId));
  const memberOf = (caseId: string) => cases.some((c) => c.caseId === caseId && c.relations.includes('Member'));
  return (
    <section class="card work" aria-labelledby="work-h" data-testid="work" data-version={work.list?.version ?? ''}>
      <div class="section-head">
        <h2 id="work-h">{t().workTitle} {items.length > 0 && <span class="count">({items.length})</span>}</h2>
        {work.status === 'live' && <span class="small live-dot">{t().workLive}</span>}
      </div>
      {work.status === 'read' && <p class="msg" role="status">{t().workNotLive}</p>}
      <p class="sr-only" role="status" aria-live="polite">
        {fresh.map((i) => `${t().workArrived} ${t().workKind(i.kind)}: ${i.personName}.`).join(' ')}
      </p>
      {work.status === 'loading' ? <p>{t().loading}</p> : work.status === 'error' ? <p class="error" role="alert">{t().workFailed}</p>
        : items.length === 0 ? <p class="muted" data-testid="work-empty">{t().workEmpty}</p> : (
          <ul class="work-list">
            {items.map((i) => <WorkRow key={i.itemId} ctx={ctx} item={i} fresh={work.fresh.has(i.itemId)} memberOf={memberOf} />)}
          </ul>
        )}
    </section>
  );
}

function WorkRow({ ctx, item, fresh, memberOf }: { ctx: AppCtx; item: WorkItem; fresh: boolean; memberOf: (caseId: string) => boolean }) {
  const act = workAct(item);
  const action = useAction();
  const acknowledge = () => action.run(async () => {
    const v = act.kind === 'acknowledge-dates' && act.datesVersion !== null ? act.datesVersion : (await ctx.api.getCase(item.caseId)).datesVersion;
    return ctx.api.command(item.caseId, 'dates/acknowledge', { datesVersion: v });
  }, t().datesAcknowledged);
  const subject = item.subjectTitle ?? (item.subject ? label(item.subject) : null);
  return (
    <li class={`work-item kind-${item.kind}${item.overdue ? ' overdue' : ''}${fresh ? ' fresh' : ''}`} data-item={item.itemId} data-kind={item.kind} data-case={item.caseId}>
      <div class="work-what">
        <span class="work-kind">{t().workKind(item.kind)}{subject && <>: {subject}</>}</span>
        <a class="work-person" href={caseLinkOf(item, memberOf)}>{item.personName}</a>
        {item.due && (
          <span class={item.overdue ? 'work-due overdue' : 'work-due'}>
            {item.overdue ? <strong>{t().workOverdue} </strong> : `${t().workDueLabel(item.kind)} `}<DateRel date={item.due} />
          </span>
        )}
        {item.unitName && <span class="small">{t().workVia(item.unitName)}</span>}
        {item.detail && <span class="small">{ctx.store.named(item.detail)}</span>}
      </div>
      {act.kind === 'answer-handover' ? <HandoverAnswer api={ctx.api} item={item} /> : (
      <div class="buttons">
        {act.kind === 'acknowledge-dates' && (
          <button type="button" data-action="acknowledge" disabled={action.busy} onClick={() => void acknowledge()}>
            {t().acknowledgeDates}<span class="sr-only"> – {item.personName}</span>
          </button>
        )}
        {(act.kind === 'link' || act.kind === 'resolve-escalation') && (
          <a class="button" href={memberOf(item.caseId) || !item.unitId || item.kind === 'ConsentToConfirm' ? act.href : caseLinkOf(item, memberOf)} data-action="open">{t().workAction(item.action)}<span class="sr-only"> – {item.personName}</span></a>
        )}
      </div>
      )}
      {act.kind === 'resolve-escalation' && <ResolveEscalation ctx={ctx} item={item} escalationId={act.escalationId} />}
      <Outcome message={action.message} />
    </li>
  );
}

/** A leader records an escalation as handled, saying what was done; it also closes by itself when its cause goes. */
function ResolveEscalation({ ctx, item, escalationId }: { ctx: AppCtx; item: WorkItem; escalationId: string }) {
  const [note, setNote] = useState('');
  const action = useAction();
  const id = `resolve-${item.itemId}`;
  return (
    <details class="add">
      <summary>{t().resolveEscalation}<span class="sr-only"> – {item.personName}</span></summary>
      <form class="inline" onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) void action.run(() => ctx.api.command(item.caseId, `escalations/${encodeURIComponent(escalationId)}/resolve`, { note: note.trim() }), t().escalationResolved);
      }}>
        <label for={id}>{t().resolveNote}</label>
        <input id={id} value={note} onInput={(e) => setNote(e.currentTarget.value)} required maxLength={4000} />
        <button type="submit" data-action="resolve-escalation" disabled={action.busy}>{t().resolveEscalation}</button>
      </form>
      <Outcome message={action.message} />
    </details>
  );
}

function MyCases({ ctx, version, onCases }: { ctx: AppCtx; version: number; onCases: (c: MyCase[]) => void }) {
  const [q, setQ] = useState('');
  const [cases, setCases] = useState<MyCase[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);
  const me = ctx.store.me;
  // Read again when the search changes (after a pause in typing) and when what needs me moves: a case changed.
  useEffect(() => {
    const n = ++asked.current;
    const timer = setTimeout(() => {
      ctx.api.getMyCases(q).then((c) => {
        if (n !== asked.current) return;
        setCases(c);
        setError(null);
        if (!q.trim()) onCases(c);
      }, (e) => { if (n === asked.current) setError(e); });
    }, q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [ctx.api, q, version]);
  return (
    <section class="card my-cases" aria-labelledby="cases-h" data-testid="my-cases">
      <div class="section-head">
        <h2 id="cases-h">{t().myCasesTitle}</h2>
        {me && me.units.length > 0 && <a class="button" href="#/cases/new" data-action="new-case">{t().newCase}</a>}
      </div>
      <form role="search" class="inline" onSubmit={(e) => e.preventDefault()}>
        <label for="case-search">{t().searchPerson}</label>
        <input id="case-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} autoComplete="off" />
      </form>
      {error ? <p class="error" role="alert">{t().myCasesFailed}</p> : !cases ? <p>{t().loading}</p> : cases.length === 0 ? (
        <p class="muted">{q.trim() ? t().myCasesNoMatch : t().myCasesEmpty}</p>
      ) : (
        <ul class="case-list" aria-live="polite">
          {cases.map((c) => <CaseRow key={c.caseId} c={c} me={me} />)}
        </ul>
      )}
    </section>
  );
}

function CaseRow({ c, me }: { c: MyCase; me: Me | null }) {
  const line = c.line ?? {};
  // Not in the group (yet): the case is seen on the board of my unit it concerns.
  const board = me?.units.find((u) => u.unitId === c.unitId)?.unitId ?? me?.units[0]?.unitId;
  const href = c.relations.includes('Member') ? caseHref(c.caseId) : board ? boardHref(board, `q=${encodeURIComponent(c.personName)}`) : null;
  return (
    <li class="case-row" data-case={c.caseId} data-relations={c.relations.join(' ')}>
      <div>
        {href ? <a href={href} class="case-name">{c.personName}</a> : <span class="case-name">{c.personName}</span>}
        <span class="small">
          {label(c.phase)}
          {c.role && <> · {label(c.role)}</>}
          {c.unitName && <> · {c.unitName}</>}
          {c.relations.filter((r) => r !== 'Member').map((r) => <> · {label(r)}</>)}
        </span>
      </div>
      <div class="case-facts">
        <span>{t().release}: <DateRel date={line.expectedRelease ?? null} /></span>
        <ReadinessBadge colour={line.readiness ?? null} />
        {(line.handoversAwaitingUnit ?? 0) > 0 && <strong class="await">⚑ {t().awaitingCount(line.handoversAwaitingUnit ?? 0)}</strong>}
        {(line.overdueDeadlines ?? 0) > 0 && <strong class="await">! {t().overdueCount(line.overdueDeadlines ?? 0)}</strong>}
        {(line.unownedAfterRelease ?? 0) > 0 && <strong class="await">⚠ {t().unownedCount(line.unownedAfterRelease ?? 0)}</strong>}
        {line.nextDeadline && line.nextDeadlineTitle && <span class="small">{t().nextDeadline}: {line.nextDeadlineTitle} {formatDate(line.nextDeadline)}</span>}
      </div>
    </li>
  );
}
