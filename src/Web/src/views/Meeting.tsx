import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import type { Session } from '../auth';
import type { CaseSession } from '../caseSession';
import { useStore } from '../hooks';
import { formatDate, label, needOrder, t } from '../i18n';
import type { Live } from '../live';
import type { MeStore } from '../meStore';
import { consentSummary } from '../privacy';
import { caseHref, type CaseTab } from '../route';
import type { CaseState, Handover, NeedArea, PresenceMode, StaffEntry } from '../types';
import { MeetingPractice, OrphanFlags } from './CaseRules';
import { CaseSetup } from './CaseSetup';
import { CaseTime, ReadinessSummary } from './CaseTime';
import { focusTarget, unitName, type AppCtx } from './common';
import { LockedText } from './LockedText';
import { MeetingRoom } from './MeetingRoom';
import { GoalItem, MeasureItem, ProposalItem } from './PlanItems';
import { refusalText } from './refusal';
import { LockIcon, Shown } from './Withheld';

export interface Ctx {
  live: Live;
  api: Api;
  session: CaseSession;
  /** The case as shown: the live case, or in presentation mode the presentation read. */
  state: CaseState;
  me: Session;
  store: MeStore;
  /** Presentation mode: nothing on the screen edits. */
  readOnly: boolean;
}

export function nameOf(state: CaseState, userId: string | null | undefined): string {
  if (!userId) return t().noOwner;
  return state.members[userId]?.displayName ?? userId;
}

/**
 * Presentation mode's case: the presentation read (only what every active member may see), read again whenever the
 * live case moves to another version. A slower, older answer never replaces a newer one. Null while off.
 */
function usePresentation(api: Api, caseId: string, liveVersion: number | null): { shown: CaseState | null; error: string | null } {
  const [shown, setShown] = useState<CaseState | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped when the mode is turned off (or the view goes), so an answer still on its way is dropped.
  const generation = useRef(0);
  const on = liveVersion !== null;
  useEffect(() => {
    if (on) return;
    generation.current++;
    setShown(null);
    setError(null);
  }, [on]);
  useEffect(() => {
    if (liveVersion === null) return;
    const asked = generation.current;
    api.getPresentation(caseId).then(
      (read) => {
        if (asked !== generation.current) return;
        setShown((prev) => (prev && prev.version > read.version ? prev : read));
        setError(null);
      },
      (e) => { if (asked === generation.current) setError(refusalText(e)); },
    );
  }, [api, caseId, liveVersion]);
  useEffect(() => () => { generation.current++; }, []);
  return { shown, error };
}

/** The tabs of a case: the plan and meeting, the set-up (group, needs, dates), and time (deadlines, readiness, release). */
function CaseTabs({ caseId, tab }: { caseId: string; tab: CaseTab }) {
  const tabs: [CaseTab, string][] = [['plan', t().tabPlan], ['setup', t().tabSetup], ['time', t().tabTime]];
  return (
    <nav class="tabs" aria-label={t().caseTabs}>
      {tabs.map(([id, name]) => (
        <a key={id} href={caseHref(caseId, id)} aria-current={tab === id ? 'page' : undefined} data-tab={id}>{name}</a>
      ))}
    </nav>
  );
}

/** A case: its head (person, phase, release, coordinator, unit, consent) and tabs, the live case shared by all three. */
export function Meeting({ caseId, live, api, me, store, tab = 'plan', focus }: AppCtx & { caseId: string; tab?: CaseTab; focus?: string | null }) {
  const session = useMemo(() => live.openCase(caseId), [live, caseId]);
  useEffect(() => () => live.closeCase(session), [live, session]);
  useStore(session);
  useStore(live);
  useStore(store);
  const [presenting, setPresenting] = useState(false);
  const presentation = usePresentation(api, caseId, presenting && tab === 'plan' && session.state ? session.state.version : null);
  // Bring what a link pointed at into view once the case is on the page.
  const loaded = !!session.state;
  useEffect(() => {
    if (loaded && focus) requestAnimationFrame(() => focusTarget(focus));
  }, [loaded, focus, tab]);
  useEffect(() => { if (tab !== 'plan') setPresenting(false); }, [tab]);

  if (session.status === 'ended') return <p role="alert">{t().accessEnded}</p>;
  if (!session.state) {
    return session.status === 'error'
      ? <p class="error" role="alert" data-testid="case-refused">{refusalText(session.cause ?? session.error)} <a href="#/">{t().navHome}</a></p>
      : <p>{t().loading}</p>;
  }
  const state = presenting ? presentation.shown : session.state;
  const sharing = session.state.consent?.scopes.includes('PlanSharing') ?? false;
  const ctx: Ctx | null = state ? { live, api, session, state, me, store, readOnly: presenting } : null;

  return (
    <div class={presenting ? 'meeting presenting' : 'meeting'} data-version={session.state.version}>
      <div class="case-head">
        <h1>{session.state.person.displayName}</h1>
        <dl class="facts">
          <div><dt>{t().phase}</dt><dd>{label(session.state.phase)}</dd></div>
          <div><dt>{t().expectedRelease}</dt><dd>{formatDate(session.state.dates.expectedRelease)}</dd></div>
          <div><dt>{t().coordinator}</dt><dd>{nameOf(session.state, session.state.coordinatorId)}</dd></div>
          <div><dt>{t().unit}</dt><dd data-testid="case-unit">{unitName(store, session.state.currentUnitId)}</dd></div>
          <div><dt>{t().consent}</dt><dd data-testid="consent" class={sharing ? '' : 'no-consent'}>{consentSummary(session.state.consent)}</dd></div>
          <div><dt>{t().version}</dt><dd data-testid="case-version">{session.state.version}</dd></div>
        </dl>
        {tab === 'plan' && (
          <button type="button" class={presenting ? '' : 'secondary'} aria-pressed={presenting} data-action="presentation"
            onClick={() => setPresenting(!presenting)}>
            {t().presentationToggle}
          </button>
        )}
      </div>
      {!presenting && <CaseTabs caseId={caseId} tab={tab} />}
      {presenting && <p class="presentation-banner" role="status" data-testid="presentation-banner">{t().presentationBanner}</p>}
      {presenting && presentation.error && <p class="msg refusal" role="alert">{presentation.error}</p>}
      {!live.online && <p class="offline-note" role="status">{t().offlineNote}</p>}
      {!ctx ? <p>{t().loading}</p> : tab === 'setup' ? <CaseSetup ctx={ctx} /> : tab === 'time' ? <CaseTime ctx={ctx} /> : <MeetingBody ctx={ctx} />}
    </div>
  );
}

/**
 * The meetings whose invitation, apologies, guests or minutes still call for something: those scheduled or open, and
 * those closed whose minutes are not yet approved and sent (or were sent in the last week), in the order they are held.
 */
function heldMeetings(state: CaseState) {
  const week = Date.now() - 7 * 86400000;
  return Object.values(state.meetings ?? {})
    .filter((m) => m.status === 'Scheduled' || m.status === 'Open'
      || (m.status === 'Closed' && (!m.minutesApprovedAt || Date.parse(m.minutesApprovedAt) > week)))
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor))
    .slice(0, 4);
}

function MeetingBody({ ctx }: { ctx: Ctx }) {
  const { state } = ctx;
  const otherProposals = Object.values(state.proposals).filter((p) => !p.needCode);
  return (
    <div class="meeting-grid" data-shown-version={state.version}>
      <section class="plan" aria-labelledby="plan-h">
        <OrphanFlags ctx={ctx} />
        <MeetingRoom ctx={ctx} />
        {heldMeetings(state).map((m) => <MeetingPractice key={m.meetingId} ctx={ctx} meeting={m} />)}
        <h2 id="plan-h">{t().plan}</h2>
        {needOrder.filter((c) => state.needAreas[c]).map((code) => (
          <NeedCard key={code} ctx={ctx} need={state.needAreas[code]} />
        ))}
        {otherProposals.length > 0 && (
          <section class="card">
            <h3>{t().otherProposals}</h3>
            <ProposalList ctx={ctx} code={null} />
          </section>
        )}
      </section>
      <aside class="side">
        <PresencePanel ctx={ctx} />
        {!ctx.readOnly && <ReadinessSummary ctx={ctx} />}
        <Handovers ctx={ctx} />
        <Members ctx={ctx} />
      </aside>
    </div>
  );
}

function PresencePanel({ ctx }: { ctx: Ctx }) {
  const { session, live, me, state } = ctx;
  const [mode, setMode] = useState<PresenceMode>(session.myMode);
  const byUser = new Map<string, { name: string; mode: PresenceMode; editing: string | null; self: boolean }>();
  for (const e of session.presence.entries) {
    const prev = byUser.get(e.userId);
    byUser.set(e.userId, {
      name: e.displayName,
      mode: prev && prev.mode !== 'Viewing' ? prev.mode : e.mode,
      editing: e.editingField ?? prev?.editing ?? null,
      self: e.userId === me.userId,
    });
  }
  const change = (next: PresenceMode) => {
    setMode(next);
    live.setPresence(state.caseId, next, null);
  };
  return (
    <section class="card presence" aria-labelledby="presence-h">
      <h2 id="presence-h">{t().presence}</h2>
      <fieldset class="modes">
        <legend>{t().myMode}</legend>
        {(['InRoom', 'Remote', 'Viewing'] as PresenceMode[]).map((m) => (
          <label key={m}>
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => change(m)} /> {label(m)}
          </label>
        ))}
      </fieldset>
      <ul class="present" data-testid="presence">
        {[...byUser.entries()].map(([userId, p]) => (
          <li key={userId} data-user={userId}>
            <span class={`dot dot-${p.mode}`} aria-hidden="true" />
            <strong>{p.name}</strong>{p.self ? ` (${t().you})` : ''} — {label(p.mode)}
            {p.editing && <span class="editing"> · {t().editing} {fieldLabel(p.editing)}</span>}
          </li>
        ))}
        {byUser.size <= 1 && <li class="muted">{t().nobodyHere}</li>}
      </ul>
    </section>
  );
}

function fieldLabel(field: string): string {
  const m = /^need:([^:]+):(assessment|ownWords)$/.exec(field);
  if (m) return `${label(m[1])} (${m[2] === 'assessment' ? t().assessment : t().ownWords})`.toLowerCase();
  return field;
}

function NeedCard({ ctx, need }: { ctx: Ctx; need: NeedArea }) {
  const { state } = ctx;
  const goals = Object.values(state.goals).filter((g) => g.needCode === need.code);
  const measures = Object.values(state.measures).filter((m) => m.needCodes.includes(need.code));
  const assessed = need.status !== 'NotAssessed';
  const withheld = state.withheldAreas?.includes(need.code) ?? false;
  return (
    <section class={`card need need-${need.status}`} data-need={need.code} aria-labelledby={`need-${need.code}`}>
      <div class="need-head">
        <h3 id={`need-${need.code}`}>{label(need.code)}</h3>
        <span class={`status status-${need.status}`}>{label(need.status)}</span>
      </div>
      <p class="owner">
        {t().owner}: <strong data-testid="owner">{nameOf(state, need.accountableOwnerId)}</strong>
        {need.supportingOwnerIds.length > 0 && <> · {t().supporters}: {need.supportingOwnerIds.map((u) => nameOf(state, u)).join(', ')}</>}
      </p>
      {withheld && <p class="withheld" data-testid="withheld"><LockIcon /> {ctx.readOnly ? t().presentationWithheld : t().detailsWithheld}</p>}
      {need.ownWords && <blockquote class="own-words"><span class="sr-label">{t().ownWords}: </span>«{need.ownWords}»</blockquote>}
      {assessed && !withheld && (ctx.readOnly ? <Assessment need={need} /> : <AssessmentEditor ctx={ctx} need={need} />)}
      {assessed && (
        <>
          <h4>{t().goals}</h4>
          {goals.length ? (
            <ul class="goals">{goals.map((g) => <GoalItem key={g.goalId} ctx={ctx} goal={g} />)}</ul>
          ) : <p class="muted">{t().noGoals}</p>}
          {!ctx.readOnly && <AddGoal ctx={ctx} code={need.code} />}
          <h4>{t().measures}</h4>
          {measures.length ? (
            <ul class="measures">{measures.map((m) => <MeasureItem key={m.measureId} ctx={ctx} m={m} />)}</ul>
          ) : <p class="muted">{t().noMeasures}</p>}
          {!ctx.readOnly && <AddMeasure ctx={ctx} code={need.code} />}
        </>
      )}
      <ProposalList ctx={ctx} code={need.code} />
    </section>
  );
}

function ProposalList({ ctx, code }: { ctx: Ctx; code: string | null }) {
  const proposals = Object.values(ctx.state.proposals).filter((p) => p.needCode === code);
  if (!proposals.length) return null;
  return (
    <>
      <h4>{t().proposals}</h4>
      <ul class="proposals">
        {proposals.map((p) => <ProposalItem key={p.proposalId} ctx={ctx} p={p} />)}
      </ul>
    </>
  );
}

function AssessmentEditor({ ctx, need }: { ctx: Ctx; need: NeedArea }) {
  const { live, session, state, me } = ctx;
  return (
    <LockedText live={live} session={session} caseId={state.caseId} myUserId={me.userId}
      field={`need:${need.code}:assessment`} title={t().assessment} text={need.assessment} version={need.version}
      conflictField="assessment" name="assessment" inputId={`assess-${need.code}`} editHint={`${t().assessment.toLowerCase()} – ${label(need.code)}`}
      send={(text, expectedVersion) => {
        const current = session.state?.needAreas[need.code] ?? need;
        return live.execute(state.caseId, 'UpdateNeedArea', {
          code: need.code, expectedVersion, ownWords: current.ownWords, assessment: text, status: current.status,
        });
      }}
      view={(children) => <Assessment need={need}>{children}</Assessment>} />
  );
}

function Assessment({ need, children }: { need: NeedArea; children?: ComponentChildren }) {
  return (
    <div class="assessment">
      <h4>{t().assessment}</h4>
      <p data-testid="assessment">{need.assessment ?? <span class="muted">{t().noAssessment}</span>}</p>
      {children}
    </div>
  );
}

function AddGoal({ ctx, code }: { ctx: Ctx; code: string }) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const id = `goal-${code}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      const o = await ctx.live.execute(ctx.state.caseId, 'AddGoal', { code, text: text.trim() });
      if (o.error) setMessage(refusalText(o.error));
      else { setText(''); setMessage(null); }
    } catch (err) {
      setMessage(refusalText(err));
    }
  };
  return (
    <form class="inline" onSubmit={(e) => void submit(e)}>
      <label for={id}>{t().goalText}</label>
      <input id={id} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" disabled={!ctx.live.online}>{t().addGoal}</button>
      {message && <p class="msg" role="alert">{message}</p>}
    </form>
  );
}

function AddMeasure({ ctx, code }: { ctx: Ctx; code: string }) {
  const { state } = ctx;
  const active = Object.values(state.members).filter((m) => !m.until);
  const [what, setWhat] = useState('');
  const [owner, setOwner] = useState(ctx.me.userId in state.members ? ctx.me.userId : active[0]?.userId ?? '');
  const [due, setDue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!what.trim()) return;
    try {
      const o = await ctx.live.execute(state.caseId, 'AddMeasure', {
        needCodes: [code], what: what.trim(), why: null, ownerId: owner, due: due || null, requirements: null,
      });
      if (o.error) setMessage(refusalText(o.error));
      else { setWhat(''); setDue(''); setMessage(null); }
    } catch (err) {
      setMessage(refusalText(err));
    }
  };
  return (
    <details class="add">
      <summary>{t().addMeasure}</summary>
      <form class="grid-form" onSubmit={(e) => void submit(e)}>
        <label for={`mw-${code}`}>{t().measureWhat}</label>
        <input id={`mw-${code}`} value={what} onInput={(e) => setWhat(e.currentTarget.value)} />
        <label for={`mo-${code}`}>{t().measureOwner}</label>
        <select id={`mo-${code}`} value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
          {active.map((m) => <option key={m.userId} value={m.userId}>{m.displayName} ({label(m.role)})</option>)}
        </select>
        <label for={`md-${code}`}>{t().measureDue}</label>
        <input id={`md-${code}`} type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} />
        <button type="submit" disabled={!ctx.live.online}>{t().addMeasure}</button>
        {message && <p class="msg" role="alert">{message}</p>}
      </form>
    </details>
  );
}

function Members({ ctx }: { ctx: Ctx }) {
  const members = Object.values(ctx.state.members).filter((m) => !m.until);
  return (
    <section class="card" aria-labelledby="members-h">
      <h2 id="members-h">{t().members}</h2>
      <ul class="members">
        {members.map((m) => (
          <li key={m.userId}>
            <strong>{m.displayName}</strong> — {label(m.role)}
            {m.userId === ctx.state.coordinatorId && <> · {t().coordinator.toLowerCase()}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Handovers({ ctx }: { ctx: Ctx }) {
  const { state } = ctx;
  const list = Object.values(state.handovers).sort((a, b) => Number(b.status === 'Offered' || b.status === 'Accepted') - Number(a.status === 'Offered' || a.status === 'Accepted'));
  return (
    <section class="card handovers" aria-labelledby="handovers-h" data-focus-id="handovers">
      <h2 id="handovers-h">{t().handovers}</h2>
      {list.length ? list.map((h) => <HandoverItem key={h.handoverId} ctx={ctx} h={h} />) : <p class="muted">{t().noHandovers}</p>}
      {!ctx.readOnly && <OfferHandover ctx={ctx} />}
    </section>
  );
}

/** What this user may do with an open handover: the receiving side accepts or declines, the sender withdraws. */
function handoverMoves(ctx: Ctx, h: Handover) {
  const me = ctx.me.userId;
  const sender = h.fromUserId === me || ctx.state.coordinatorId === me;
  const receiving = h.fromUserId !== me && (h.toUserId ? h.toUserId === me : ctx.state.members[me]?.unitId === h.toUnitId || !(me in ctx.state.members));
  return {
    accept: h.status === 'Offered' && receiving,
    decline: h.status === 'Offered' && receiving,
    complete: h.status === 'Accepted',
    withdraw: (h.status === 'Offered' || h.status === 'Accepted') && sender,
  };
}

function HandoverItem({ ctx, h }: { ctx: Ctx; h: Handover }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState<'decline' | 'withdraw' | null>(null);
  const open = h.status === 'Offered' || h.status === 'Accepted';
  const may = handoverMoves(ctx, h);
  const run = async (path: string, body?: object) => {
    setMessage(null);
    if (!ctx.live.online) { setMessage({ ok: false, text: t().offlineRefused }); return; }
    try {
      await ctx.api.command(ctx.state.caseId, `handovers/${encodeURIComponent(h.handoverId)}/${path}`, body);
      setMessage({ ok: true, text: t().done });
      setAsking(null);
      setReason('');
      void ctx.session.refresh();
    } catch (e) {
      setMessage({ ok: false, text: refusalText(e) });
    }
  };
  const ask = (what: 'decline' | 'withdraw') => setAsking(asking === what ? null : what);
  return (
    <article class={`handover handover-${h.status}`} data-handover={h.handoverId} data-status={h.status}>
      <h3>{t().handoverOf} {label(h.subject).toLowerCase()}</h3>
      <p>
        {t().from} {nameOf(ctx.state, h.fromUserId)} → {t().to} {unitName(ctx.store, h.toUnitId)}{h.toUserId && ` (${nameOf(ctx.state, h.toUserId)})`}
        <br />{t().planned} {formatDate(h.plannedDate)} · <strong>{label(h.status)}</strong>
        {h.status === 'Accepted' && <> · {h.overlapMet ? t().overlapMet : t().overlapMissing}</>}
      </p>
      {h.note && <p class="meta">{h.note}</p>}
      {h.reason && <p class="meta"><Shown text={h.reason} /></p>}
      {open && !ctx.readOnly && (
        <div class="buttons">
          {may.accept && <button type="button" data-action="accept" disabled={!ctx.live.online} onClick={() => void run('accept')}>{t().accept}</button>}
          {may.decline && <button type="button" class="secondary" data-action="decline" disabled={!ctx.live.online} aria-expanded={asking === 'decline'} onClick={() => ask('decline')}>{t().decline}</button>}
          {may.complete && <button type="button" data-action="complete" disabled={!ctx.live.online} onClick={() => void run('complete')}>{t().complete}</button>}
          {may.withdraw && <button type="button" class="secondary" data-action="withdraw" disabled={!ctx.live.online} aria-expanded={asking === 'withdraw'} onClick={() => ask('withdraw')}>{t().withdraw}</button>}
        </div>
      )}
      {asking && (
        <form class="inline" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void run(asking, { reason: reason.trim() }); }}>
          <label for={`reason-${h.handoverId}`}>{asking === 'decline' ? t().declineReason : t().withdrawReason}</label>
          <input id={`reason-${h.handoverId}`} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
          <button type="submit" data-action={`confirm-${asking}`} disabled={!ctx.live.online}>{asking === 'decline' ? t().decline : t().withdraw}</button>
        </form>
      )}
      {message && <p class={message.ok ? 'msg' : 'msg refusal'} role={message.ok ? 'status' : 'alert'} data-testid="handover-message">
        {!message.ok && <strong>{t().refused} </strong>}{message.text}</p>}
    </article>
  );
}

/** The unit a responsibility usually goes to: housing and the like to the home municipality, else the first other unit. */
function suggestedUnit(state: CaseState, units: { unitId: string; agency: string }[], subject: string): string {
  const home = state.home.intendedUnitId ?? state.home.registeredUnitId;
  const byAgency = (agency: string) => units.find((u) => u.agency === agency && u.unitId !== state.currentUnitId)?.unitId;
  if (subject === 'housing' && home) return home;
  if (subject === 'income-debt' || subject === 'work') return byAgency('Nav') ?? home ?? '';
  if (['physical-health', 'mental-health', 'substance-use'].includes(subject)) return byAgency('Health') ?? home ?? '';
  return units.find((u) => u.unitId !== state.currentUnitId)?.unitId ?? '';
}

function OfferHandover({ ctx }: { ctx: Ctx }) {
  const { state, store } = ctx;
  const units = store.allUnits;
  const subjects = ['coordinator', ...needOrder.filter((c) => state.needAreas[c]?.accountableOwnerId)];
  const [subject, setSubject] = useState(subjects[1] ?? 'coordinator');
  const [unit, setUnit] = useState('');
  const [toUser, setToUser] = useState('');
  const [staff, setStaff] = useState<StaffEntry[]>([]);
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = unit || suggestedUnit(state, units, subject);
  useEffect(() => {
    setToUser('');
    if (!chosen) { setStaff([]); return; }
    ctx.api.directoryStaff(chosen).then(setStaff, () => setStaff([]));
  }, [chosen]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ctx.live.online) { setMessage({ ok: false, text: t().offlineRefused }); return; }
    try {
      await ctx.api.command(state.caseId, 'handovers', { subject, toUnitId: chosen, toUserId: toUser || null, plannedDate: date, note: note || null });
      setMessage({ ok: true, text: t().done });
      void ctx.session.refresh();
    } catch (err) {
      setMessage({ ok: false, text: refusalText(err) });
    }
  };
  return (
    <details class="add">
      <summary>{t().offer}</summary>
      <form class="grid-form" onSubmit={(e) => void submit(e)}>
        <label for="offer-subject">{t().offerSubject}</label>
        <select id="offer-subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)}>
          {subjects.map((s) => <option key={s} value={s}>{label(s)}</option>)}
        </select>
        <label for="offer-unit">{t().offerUnit}</label>
        <select id="offer-unit" value={chosen} onChange={(e) => setUnit(e.currentTarget.value)} required>
          {!chosen && <option value="">{t().choose}</option>}
          {units.filter((u) => u.unitId !== state.currentUnitId).map((u) => (
            <option key={u.unitId} value={u.unitId}>{u.name} ({t().unitKindName[u.agency] ?? u.agency})</option>
          ))}
        </select>
        <label for="offer-person">{t().offerPerson}</label>
        <select id="offer-person" value={toUser} onChange={(e) => setToUser(e.currentTarget.value)}>
          <option value="">{t().offerAnyone}</option>
          {staff.map((p) => <option key={p.userId} value={p.userId}>{p.name}</option>)}
        </select>
        <label for="offer-date">{t().offerDate}</label>
        <input id="offer-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        <label for="offer-note">{t().offerNote}</label>
        <input id="offer-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit" data-action="offer-handover" disabled={!ctx.live.online || !chosen}>{t().offer}</button>
        {message && <p class={message.ok ? 'msg' : 'msg refusal'} role={message.ok ? 'status' : 'alert'} data-testid="offer-message">
          {!message.ok && <strong>{t().refused} </strong>}{message.text}</p>}
      </form>
    </details>
  );
}
