// What the pages share: their context, one way to run an action and say how it went, and the small pieces every list
// of cases shows (a unit's name, days to a date, readiness).
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { Session } from '../auth';
import { daysUntil, formatDate, label, t } from '../i18n';
import { OfflineError, type Live } from '../live';
import type { CaseSession } from '../caseSession';
import type { MeStore } from '../meStore';
import type { CommandOutcome, ReadinessColour } from '../types';
import { refusalText } from './refusal';

export interface AppCtx {
  live: Live;
  api: Api;
  me: Session;
  store: MeStore;
}

export type Message = { ok: boolean; text: string } | null;

/**
 * Runs one action (a REST call or a hub command) at a time and keeps one line about how it went: done, or the refusal
 * in plain words. A hub outcome carrying an error counts as refused. Resolves true when it went through.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const run = async (act: () => Promise<unknown>, done: string | null = t().done): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await act();
      const error = r && typeof r === 'object' && 'error' in r ? (r as CommandOutcome).error : null;
      if (error) {
        setMessage({ ok: false, text: refusalText(error) });
        return false;
      }
      setMessage(done ? { ok: true, text: done } : null);
      return true;
    } catch (e) {
      setMessage({ ok: false, text: refusalText(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, setMessage, run };
}

/**
 * A REST command on a case (`POST /cases/{id}/{path}` …), refused at once while offline; the case is read again after
 * it (its pushes follow anyway).
 */
export function useCaseCommand(ctx: { live: Live; api: Api; session: CaseSession; state: { caseId: string } }) {
  const action = useAction();
  const run = (path: string, body?: object, method = 'POST', done: string | null = t().done) =>
    action.run(async () => {
      if (!ctx.live.online) throw new OfflineError();
      await ctx.api.command(ctx.state.caseId, path, body, method);
      void ctx.session.refresh();
    }, done);
  return { ...action, run, busy: action.busy || !ctx.live.online };
}

/** The outcome line of an action: a status when done, an alert with "Not done:" when refused. */
export function Outcome({ message, testId }: { message: Message; testId?: string }) {
  if (!message) return null;
  return (
    <p class={message.ok ? 'msg' : 'msg refusal'} role={message.ok ? 'status' : 'alert'} data-testid={testId ?? 'outcome'}>
      {!message.ok && <strong>{t().refused} </strong>}{message.text}
    </p>
  );
}

/** A unit's name, never its id: from the directory, else the words for an unknown unit. */
export function unitName(store: MeStore, unitId: string | null | undefined): string {
  return store.unit(unitId)?.name ?? t().unknownUnit;
}

/** A date with how far it is: "4. januar 2027 (om 29 dager)". */
export function DateRel({ date }: { date: string | null | undefined }) {
  if (!date) return <>{t().unknownDate}</>;
  return <>{formatDate(date)} <span class="days">({t().daysLeft(daysUntil(date))})</span></>;
}

/** Readiness in words and a shape, never colour alone. */
export function ReadinessBadge({ colour }: { colour: ReadinessColour | null | undefined }) {
  if (!colour) return <span class="ready ready-none">{t().readinessNotYet}</span>;
  const mark = colour === 'Green' ? '●' : colour === 'Amber' ? '▲' : '■';
  return <span class={`ready ready-${colour}`} data-readiness={colour}><span aria-hidden="true">{mark} </span>{label(colour)}</span>;
}

/** The member role an agency's staff usually have in a group. */
export function roleForAgency(agency: string | null | undefined): string {
  switch (agency) {
    case 'Prison': return 'Kontaktbetjent';
    case 'Friomsorg': return 'FriomsorgOfficer';
    case 'Municipality': return 'MunicipalCaseworker';
    case 'Nav': return 'NavAdvisor';
    case 'Health': return 'HealthWorker';
    case 'School': return 'Teacher';
    case 'Ngo': return 'NgoWorker';
    default: return 'Other';
  }
}

/** The kinds of unit an administrator defines, in the order the form offers them. */
export const unitAgencies = ['Prison', 'Friomsorg', 'Municipality', 'Nav', 'Health', 'School', 'Ngo', 'Other'];

/** The member roles an agency member may have. */
export const memberRoles = ['Kontaktbetjent', 'FriomsorgOfficer', 'MunicipalCaseworker', 'NavAdvisor', 'HealthWorker', 'Teacher', 'NgoWorker', 'Other'];

/** Today in Norwegian time, as yyyy-MM-dd. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Oslo' }).format(new Date());
}

/** An id for something new, from its name: readable, unique enough, and never shown. */
export function newId(prefix: string, name: string): string {
  const slug = name.toLocaleLowerCase('nb').replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const random = Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${slug ? `${slug}-` : ''}${random}`;
}

/** Bring the element with `data-focus-id` into view and give it focus, once it is on the page. */
export function focusTarget(id: string | null | undefined): void {
  if (!id) return;
  const el = document.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(id)}"]`);
  if (!el) return;
  if (el instanceof HTMLDetailsElement) el.open = true;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}
