import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { formatDate, formatDateTime, label, t } from '../i18n';
import { releaseBlockers } from '../releaseGate';
import { rw } from '../rulesWords';
import { caseHref } from '../route';
import type { CaseTimeView, Deadline, FirstDaysItem, GateItem, MilestoneKind } from '../types';
import { nameOf, type Ctx } from './Meeting';
import { DateRel, Outcome, ReadinessBadge, today, useCaseCommand } from './common';
import { refusalText } from './refusal';

/** The ways out of prison under friomsorg: each passes the same gate as a full-time release (domain §4). */
const releaseForms = ['Parole', 'ElectronicMonitoring', 'CommunityServing'] as const;
type ReleaseFormName = (typeof releaseForms)[number];

const milestoneKinds: MilestoneKind[] = [
  'IntakeConversation', 'NeedsConversation1', 'NeedsConversation2', 'MunicipalityContacted', 'FriomsorgEngaged',
  'MunicipalityContactedByFriomsorg', 'PlanReview', 'ReleaseMeeting', 'ExitConversation', 'PostReleasePlan', 'BenefitsDecided',
];

/**
 * The case's deadlines and readiness (`GET /cases/{id}/time`), read at once and again when the case moves on — at
 * most once per `everyMs`, since every read is audited (the person sees it) and a meeting makes many edits in a row.
 */
export function useCaseTime(api: Api, caseId: string, version: number, everyMs = 800): { time: CaseTimeView | null; error: string | null } {
  const [time, setTime] = useState<CaseTimeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const last = useRef(0);
  useEffect(() => {
    let live = true;
    const wait = Math.max(0, last.current + everyMs - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      api.getTime(caseId).then(
        (v) => { if (live) { setTime((prev) => (prev && prev.caseVersion > v.caseVersion ? prev : v)); setError(null); } },
        (e) => { if (live) setError(refusalText(e)); },
      );
    }, last.current === 0 ? 0 : Math.max(wait, 300));
    return () => { live = false; clearTimeout(timer); };
  }, [api, caseId, version]);
  return { time, error };
}

/** The readiness in the meeting's side column: the overall colour and each part, with a link to the whole. */
export function ReadinessSummary({ ctx }: { ctx: Ctx }) {
  const { time } = useCaseTime(ctx.api, ctx.state.caseId, ctx.state.version, 30000);
  const overdue = time?.deadlines.filter((d) => d.status === 'Overdue') ?? [];
  return (
    <section class="card readiness-summary" aria-labelledby="rs-h" data-testid="readiness-summary">
      <h2 id="rs-h">{t().readinessTitle}</h2>
      {!time ? <p>{t().loading}</p> : (
        <>
          {time.readiness?.active ? <p><ReadinessBadge colour={time.readiness.overall} /></p> : <p class="small">{time.readiness?.reason ?? t().readinessNotYet}</p>}
          {overdue.length > 0 && <p><strong class="await">! {t().overdueCount(overdue.length)}</strong></p>}
        </>
      )}
      <a href={caseHref(ctx.state.caseId, 'time')}>{t().seeDeadlines}</a>
    </section>
  );
}

/** The time tab: date changes to acknowledge, readiness, release through the gate, deadlines, milestones, the first days. */
export function CaseTime({ ctx }: { ctx: Ctx }) {
  const { time, error } = useCaseTime(ctx.api, ctx.state.caseId, ctx.state.version);
  return (
    <div class="time-grid" data-testid="case-time">
      <div>
        <Acknowledge ctx={ctx} />
        <Readiness time={time} error={error} named={(x) => ctx.store.named(x)} />
        <Release ctx={ctx} gate={time?.releaseGate ?? null} />
        {(ctx.state.firstDays?.length ?? 0) > 0 && <FirstDays ctx={ctx} />}
      </div>
      <div>
        <Deadlines time={time} error={error} named={(x) => ctx.store.named(x)} />
        <Milestones ctx={ctx} />
      </div>
    </div>
  );
}

function Acknowledge({ ctx }: { ctx: Ctx }) {
  const { state, me } = ctx;
  const cmd = useCaseCommand(ctx);
  const member = state.members[me.userId];
  const seen = state.dateAcknowledgements?.[me.userId]?.datesVersion ?? 0;
  const due = state.datesVersion > 1 && member && !member.until && member.role !== 'Person' && seen < state.datesVersion;
  if (!due && !cmd.message) return null;
  return (
    <section class="card ack" aria-labelledby="ack-h" data-testid="acknowledge">
      <h2 id="ack-h">{t().datesChangedTitle}</h2>
      {due && (
        <>
          <p>{t().datesChangedText}</p>
          <dl class="facts">
            <div><dt>{t().dateName.expectedRelease}</dt><dd>{formatDate(state.dates.expectedRelease)}</dd></div>
            <div><dt>{t().dateName.earliestRelease}</dt><dd>{formatDate(state.dates.earliestRelease)}</dd></div>
          </dl>
          <button type="button" data-action="acknowledge" disabled={cmd.busy}
            onClick={() => void cmd.run('dates/acknowledge', { datesVersion: state.datesVersion }, 'POST', t().datesAcknowledged)}>
            {t().acknowledgeDates}
          </button>
        </>
      )}
      <Outcome message={cmd.message} />
    </section>
  );
}

function Readiness({ time, error, named }: { time: CaseTimeView | null; error: string | null; named: (text: string) => string }) {
  const r = time?.readiness;
  return (
    <section class="card readiness" aria-labelledby="ready-h" data-testid="readiness" data-overall={r?.overall ?? ''}>
      <div class="section-head">
        <h2 id="ready-h">{t().readinessTitle}</h2>
        {r?.active && <ReadinessBadge colour={r.overall} />}
      </div>
      {error && <p class="msg refusal" role="alert">{error}</p>}
      {!time ? (!error && <p>{t().loading}</p>) : !r ? <p class="muted">{t().readinessNotYet}</p> : (
        <>
          <p class="small">{r.reason}{r.release && <> · {t().releaseAssessed}: {formatDate(r.release)}</>}</p>
          {r.active && (
            <ul class="readiness-items">
              {r.items.map((i) => (
                <li key={i.code} data-item={i.code} data-colour={i.colour}>
                  <ReadinessBadge colour={i.colour} />
                  <strong>{i.title}</strong>
                  <span class="small">{named(i.reason)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Release through the gate: what stands in the way (the server's own gate items where it gives them, else the rule as
 * this page knows it), an exception with a reason for each, and the move out — released, or out under friomsorg's
 * supervision.
 */
function Release({ ctx, gate }: { ctx: Ctx; gate: GateItem[] | null }) {
  const { state } = ctx;
  const cmd = useCaseCommand(ctx);
  const [form, setForm] = useState<ReleaseFormName>('Parole');
  if (state.phase === 'Released' || state.phase === 'Aftercare' || state.phase === 'Closed') {
    return (
      <section class="card" aria-labelledby="release-h" data-testid="release" data-released="true">
        <h2 id="release-h">{t().releaseTitle}</h2>
        <p><strong>{state.releasedOn ? t().releasedOn(formatDate(state.releasedOn)) : label(state.phase)}</strong></p>
        <Exceptions ctx={ctx} />
      </section>
    );
  }
  if (state.phase === 'Summoned') return null;
  // The server's words name the area themselves; the page's own words are put after the area's name.
  const blockers: { code: string; reason: string }[] = gate
    ? gate.map((g) => ({ code: g.code, reason: ctx.store.named(g.reason) }))
    : releaseBlockers(state, today()).map((b) => ({
      code: b.code,
      reason: `${label(b.code)}: ${b.reason === 'not-assessed' ? t().blockNotAssessed : t().blockNoOwnerOutside(nameOf(state, b.ownerId))}`,
    }));
  const inPrison = state.phase === 'Intake' || state.phase === 'Serving';
  return (
    <section class="card" aria-labelledby="release-h" data-testid="release" data-released="false">
      <h2 id="release-h">{t().releaseTitle}</h2>
      <p class="small">{t().releaseIntro}</p>
      {blockers.length === 0 ? <p data-testid="gate-open">{t().gateOpen}</p> : (
        <>
          <p>{t().gateBlocked}</p>
          <ul class="blockers" data-testid="blockers">
            {blockers.map((b) => <Blocker key={b.code} ctx={ctx} code={b.code} reason={b.reason} />)}
          </ul>
        </>
      )}
      <Exceptions ctx={ctx} />
      {state.phase === 'Community' && <p data-testid="out-form">{t().outUnderSupervision}{state.releaseForm && <> ({rw().releaseForm(state.releaseForm)})</>}</p>}
      <div class="buttons">
        <button type="button" data-action="release" disabled={cmd.busy}
          onClick={() => void cmd.run('phase', { phase: 'Released' }, 'PUT', t().releasedNow)}>
          {state.phase === 'Community' ? t().markReleasedFromCommunity : t().markReleased}
        </button>
        {inPrison && (
          <>
            <label class="inline">{rw().releaseFormLabel}{' '}
              <select name="release-form" value={form} onChange={(e) => setForm(e.currentTarget.value as ReleaseFormName)}>
                {releaseForms.map((f) => <option key={f} value={f}>{rw().releaseForm(f)}</option>)}
              </select>
            </label>
            <button type="button" class="secondary" data-action="release-community" disabled={cmd.busy}
              onClick={() => void cmd.run('phase', { phase: 'Community', form }, 'PUT', t().outToCommunity)}>
              {t().markCommunity}
            </button>
          </>
        )}
      </div>
      <Outcome message={cmd.message} testId="release-outcome" />
    </section>
  );
}

function Blocker({ ctx, code, reason }: { ctx: Ctx; code: string; reason: string }) {
  const [text, setText] = useState('');
  const cmd = useCaseCommand(ctx);
  const id = `exc-${code}`;
  return (
    <li data-blocker={code}>
      <strong>{reason}</strong>
      <details class="add">
        <summary>{t().recordException}<span class="sr-only"> – {label(code)}</span></summary>
        <form class="stack" onSubmit={(e) => { e.preventDefault(); if (text.trim()) void cmd.run('release-exceptions', { code, reason: text.trim() }, 'POST', t().exceptionRecorded); }}>
          <label for={id}>{t().exceptionReason}</label>
          <textarea id={id} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} required maxLength={4000} />
          <button type="submit" data-action="record-exception" disabled={cmd.busy}>{t().recordException}</button>
        </form>
      </details>
      <Outcome message={cmd.message} />
    </li>
  );
}

function Exceptions({ ctx }: { ctx: Ctx }) {
  const list = ctx.state.releaseExceptions ?? [];
  if (!list.length) return null;
  return (
    <>
      <h3>{t().exceptionsTitle}</h3>
      <ul class="exceptions" data-testid="exceptions">
        {list.map((x) => (
          <li key={`${x.code}-${x.recordedAt}`} data-exception={x.code}>
            <strong>{label(x.code)}</strong>: {x.reason} <span class="meta">— {nameOf(ctx.state, x.recordedById)}, {formatDateTime(x.recordedAt)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Deadlines({ time, error, named }: { time: CaseTimeView | null; error: string | null; named: (text: string) => string }) {
  const [all, setAll] = useState(false);
  const list = (time?.deadlines ?? []).filter((d) => all || d.status !== 'NotApplicable');
  const order: Record<string, number> = { Overdue: 0, DueSoon: 1, Upcoming: 2, Met: 3, NotApplicable: 4 };
  const sorted = [...list].sort((a, b) => order[a.status] - order[b.status] || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  return (
    <section class="card" aria-labelledby="deadlines-h" data-testid="deadlines" data-focus-id="deadlines">
      <div class="section-head">
        <h2 id="deadlines-h">{t().deadlinesTitle}</h2>
        <label class="small"><input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> {t().showNotApplicable}</label>
      </div>
      {error && <p class="msg refusal" role="alert">{error}</p>}
      {time && <p class="small">{t().ruleSet(time.ruleSetVersion)}</p>}
      {!time ? (!error && <p>{t().loading}</p>) : sorted.length === 0 ? <p class="muted">{t().noDeadlines}</p> : (
        <ul class="deadlines">
          {sorted.map((d) => <DeadlineRow key={d.ruleId} d={d} named={named} />)}
        </ul>
      )}
    </section>
  );
}

function DeadlineRow({ d, named }: { d: Deadline; named: (text: string) => string }) {
  return (
    <li class={`deadline dl-${d.status}`} data-rule={d.ruleId} data-status={d.status} data-focus-id={`deadline-${d.ruleId}`}>
      <div class="deadline-head">
        <strong>{d.title}</strong>
        <span class={`dl-status dl-status-${d.status}`}>{t().deadlineStatus[d.status] ?? d.status}</span>
      </div>
      <p>
        {d.due ? <>{d.windowStart && <>{formatDate(d.windowStart)} – </>}<DateRel date={d.due} /></> : t().unknownDate}
        {d.metOn && <> · {t().metOn(formatDate(d.metOn))}</>}
      </p>
      <p class="small">
        {t().because}: {named(d.reason)} · {d.severity === 'Must' ? t().must : t().should} · {t().responsibleAgency}: {label(d.responsibleAgency)}
        <span class="rule"> · {t().rule} {d.ruleId} ({d.ruleSetVersion})</span>
      </p>
    </li>
  );
}

function Milestones({ ctx }: { ctx: Ctx }) {
  const { state, me } = ctx;
  const [kind, setKind] = useState<MilestoneKind>('NeedsConversation1');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const cmd = useCaseCommand(ctx);
  const isPerson = state.members[me.userId]?.role === 'Person';
  const done = [...(state.milestones ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <section class="card" aria-labelledby="ms-h" data-testid="milestones">
      <h2 id="ms-h">{t().milestonesTitle}</h2>
      {!isPerson && (
        <form class="grid-form" onSubmit={(e) => { e.preventDefault(); void cmd.run('milestones', { kind, date, note: note.trim() || null }, 'POST', t().milestoneRecorded).then((ok) => ok && setNote('')); }}>
          <label for="ms-kind">{t().milestoneKind}</label>
          <select id="ms-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as MilestoneKind)}>
            {milestoneKinds.map((k) => <option key={k} value={k}>{t().milestone[k]}</option>)}
          </select>
          <label for="ms-date">{t().milestoneDate}</label>
          <input id="ms-date" type="date" value={date} max={today()} onInput={(e) => setDate(e.currentTarget.value)} required />
          <label for="ms-note">{t().milestoneNote}</label>
          <input id="ms-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} maxLength={4000} />
          <button type="submit" data-action="record-milestone" disabled={cmd.busy}>{t().recordMilestone}</button>
          <Outcome message={cmd.message} />
        </form>
      )}
      {done.length === 0 ? <p class="muted">{t().noMilestones}</p> : (
        <ul class="milestones">
          {done.map((m) => (
            <li key={`${m.kind}-${m.recordedAt}`} data-milestone={m.kind}>
              {t().milestone[m.kind] ?? m.kind}: {formatDate(m.date)} <span class="meta">— {nameOf(state, m.recordedById)}{m.note && <>: {m.note}</>}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FirstDays({ ctx }: { ctx: Ctx }) {
  const items = ctx.state.firstDays ?? [];
  return (
    <section class="card" aria-labelledby="fd-h" data-testid="first-days">
      <h2 id="fd-h">{t().firstDaysTitle}</h2>
      <p class="small">{t().firstDaysIntro}</p>
      <ul class="first-days">
        {items.map((i) => <FirstDaysRow key={i.itemId} ctx={ctx} item={i} />)}
      </ul>
    </section>
  );
}

function FirstDaysRow({ ctx, item }: { ctx: Ctx; item: FirstDaysItem }) {
  const [note, setNote] = useState(item.note ?? '');
  // The box shows what was asked while the change is on its way; the case's own value once it has answered.
  const [asked, setAsked] = useState<boolean | null>(null);
  const cmd = useCaseCommand(ctx);
  useEffect(() => setAsked(null), [item.version]);
  const save = async (done: boolean) => {
    setAsked(done);
    if (!(await cmd.run(`first-days/${encodeURIComponent(item.itemId)}`, { done, note: note.trim() || null }, 'PUT'))) setAsked(null);
  };
  return (
    <li data-first-day={item.itemId} data-done={String(item.done)}>
      <label><input type="checkbox" checked={asked ?? item.done} disabled={cmd.busy} onChange={(e) => void save(e.currentTarget.checked)} /> {item.text}</label>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); void save(item.done); }}>
        <label for={`fd-note-${item.itemId}`} class="small">{t().statusNote}</label>
        <input id={`fd-note-${item.itemId}`} value={note} onInput={(e) => setNote(e.currentTarget.value)} maxLength={4000} />
        <button type="submit" class="secondary" disabled={cmd.busy}>{t().save}</button>
      </form>
      {item.updatedById && <span class="small">{t().lastChangedBy(nameOf(ctx.state, item.updatedById))}</span>}
      <Outcome message={cmd.message} />
    </li>
  );
}
