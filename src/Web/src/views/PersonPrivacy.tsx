import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { formatDate, formatDateTime, label, osloDay, t } from '../i18n';
import type { Live } from '../live';
import { auditRows, auditWords, consentScopes, healthAccessRows, type HealthAccessRow } from '../privacy';
import type { AuditEntry, CaseState, ConsentScope, PrivacyRequest } from '../types';
import { nameOf } from './Meeting';
import { refusalText } from './refusal';

/** How the person's view records a consent change: by the person, in CaseGrid (kept in Norwegian: it is case data). */
const selfService = 'Registrert av personen selv under «Min plan» i CaseGrid';

type Message = { ok: boolean; text: string } | null;

/** A command over the hub with one message line for its outcome; offline and refusals say why in plain words. */
function useCommand(live: Live, caseId: string) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const run = async (command: string, body: object, done: string): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      const o = await live.execute(caseId, command, body);
      setMessage(o.error ? { ok: false, text: refusalText(o.error) } : { ok: true, text: done });
      return !o.error;
    } catch (e) {
      setMessage({ ok: false, text: refusalText(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const line = message && (
    <p class={message.ok ? 'msg' : 'msg refusal'} role={message.ok ? 'status' : 'alert'} data-testid="privacy-message">{message.text}</p>
  );
  return { busy: busy || !live.online, run, line };
}

/**
 * What someone recorded on the person's word — consent, or that a member may see their health details — and waits for
 * the person's answer: nothing of it applies until they confirm it.
 */
function WaitingForYou({ live, state }: { live: Live; state: CaseState }) {
  const { busy, run, line } = useCommand(live, state.caseId);
  const waiting = Object.values(state.privacyRequests ?? {}).sort((a, b) => a.version - b.version);
  if (waiting.length === 0) return line;
  const what = (r: PrivacyRequest) => {
    const who = nameOf(state, r.recordedById);
    const when = formatDateTime(r.recordedAt);
    return r.kind === 'Consent'
      ? t().waitingConsent(who, when, r.scopes.map((scope) => t().consentScopeTitle[scope]).join(', '))
      : t().waitingHealth(who, when, nameOf(state, r.userId ?? ''));
  };
  return (
    <div class="waiting" data-testid="privacy-waiting">
      <h3>{t().waitingTitle}</h3>
      <p>{t().waitingIntro}</p>
      <ul>
        {waiting.map((r) => (
          <li key={r.requestId} data-request={r.requestId} data-kind={r.kind}>
            <p>{what(r)}</p>
            {r.note && <p class="small">{t().waitingNote(r.note)}</p>}
            <div class="buttons">
              <button type="button" disabled={busy} data-action="confirm-request"
                onClick={() => void run('ConfirmPrivacyRequest', { requestId: r.requestId }, t().waitingConfirmed)}>
                {t().waitingConfirm}
              </button>
              <button type="button" class="secondary" disabled={busy} data-action="reject-request"
                onClick={() => void run('RejectPrivacyRequest', { requestId: r.requestId, note: null }, t().waitingRejected)}>
                {t().waitingReject}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {line}
    </div>
  );
}

/** What the person has consented to, scope by scope in plain words, with withdraw (after a confirmation) and give again. */
export function ConsentSection({ live, state }: { live: Live; state: CaseState }) {
  const { busy, run, line } = useCommand(live, state.caseId);
  const [confirming, setConfirming] = useState<ConsentScope | null>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (confirming) confirmRef.current?.focus(); }, [confirming]);
  const consent = state.consent;
  const given = new Set(consent?.scopes ?? []);

  const withdraw = async (scope: ConsentScope) => {
    if (await run('WithdrawConsent', { scopes: [scope], note: selfService }, t().consentWithdrawnNow)) setConfirming(null);
  };

  return (
    <section class="card privacy" aria-labelledby="consent-h" data-testid="consent-section">
      <h2 id="consent-h">{t().consentTitle}</h2>
      <WaitingForYou live={live} state={state} />
      <p>{t().consentIntro}</p>
      <ul class="scopes">
        {consentScopes.map((scope) => {
          const title = t().consentScopeTitle[scope];
          const yes = given.has(scope);
          return (
            <li key={scope} data-scope={scope} data-given={String(yes)}>
              <h3>{title}</h3>
              <p>{t().consentScopeText[scope]}</p>
              <p class={yes ? 'answer-yes' : 'answer-no'}><span aria-hidden="true">{yes ? '✓ ' : '✗ '}</span>{yes ? t().consentYes : t().consentNo}</p>
              {confirming === scope ? (
                <div class="confirm">
                  <p ref={confirmRef} tabIndex={-1}>{t().consentConfirm(title)}</p>
                  <div class="buttons">
                    <button type="button" data-action="confirm-withdraw" disabled={busy} onClick={() => void withdraw(scope)}>{t().consentConfirmYes}</button>
                    <button type="button" class="secondary" onClick={() => setConfirming(null)}>{t().cancel}</button>
                  </div>
                </div>
              ) : (
                <button
                  type="button" class={yes ? 'secondary' : ''} disabled={busy}
                  data-action={yes ? 'withdraw-consent' : 'give-consent'}
                  onClick={() => (yes ? setConfirming(scope) : void run('RecordConsent', { scopes: [scope], note: selfService }, t().consentGivenNow))}
                >
                  {yes ? t().consentWithdraw : t().consentGive}<span class="sr-only"> – {title}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {consent?.recordedById && (
        <p class="meta" data-testid="consent-last">{t().consentLastChange(nameOf(state, consent.recordedById), formatDateTime(consent.recordedAt))}</p>
      )}
      {line}
    </section>
  );
}

/** Who sees the person's health details: the health services always, others when the person allows it. */
export function HealthAccessSection({ live, state }: { live: Live; state: CaseState }) {
  const { busy, run, line } = useCommand(live, state.caseId);
  const rows = healthAccessRows(state, osloDay(new Date().toISOString()));
  const status = (r: HealthAccessRow) =>
    r.reason === 'service' ? t().healthService : r.reason === 'approved' ? t().healthApproved(formatDate(osloDay(r.approvedAt!))) : t().healthNotSeen;
  return (
    <section class="card privacy" aria-labelledby="health-h" data-testid="health-section">
      <h2 id="health-h">{t().healthTitle}</h2>
      <p>{t().healthIntro}</p>
      {rows.length === 0 ? <p>{t().healthNobody}</p> : (
        <ul class="people">
          {rows.map((r) => (
            <li key={r.member.userId} data-member={r.member.userId} data-reason={r.reason}>
              <div>
                <strong>{r.member.displayName}</strong> <span class="meta">({label(r.member.role)})</span>
                <span class="small">{status(r)}</span>
                {r.seesNothing && <span class="small">{t().healthNoSharing}</span>}
              </div>
              {r.reason !== 'service' && (
                <button
                  type="button" class={r.reason === 'approved' ? 'secondary' : ''} disabled={busy}
                  data-action={r.reason === 'approved' ? 'revoke-health' : 'approve-health'}
                  onClick={() => void (r.reason === 'approved'
                    ? run('RevokeHealthAccess', { userId: r.member.userId }, t().done)
                    : run('ApproveHealthAccess', { userId: r.member.userId }, t().done))}
                >
                  {r.reason === 'approved' ? t().healthRevoke : t().healthApprove}<span class="sr-only"> – {r.member.displayName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {line}
    </section>
  );
}

const auditPage = 200;

/** Who has seen the plan: the reads on record, from the audit, in plain words; the person's own reads left out. */
export function SeenBySection({ api, state, me }: { api: Api; state: CaseState; me: string }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (before: number | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.getAudit(state.caseId, before);
      setEntries((prev) => (before && prev ? [...prev, ...page.entries] : page.entries));
      setMore(page.entries.length >= auditPage ? page.next : null);
    } catch (e) {
      setError(refusalText(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(null); }, [state.caseId]);

  const rows = entries ? auditRows(entries, me) : [];
  return (
    <section class="card privacy" aria-labelledby="seen-h" aria-busy={loading} data-testid="seen-section">
      <div class="section-head">
        <h2 id="seen-h">{t().auditTitle}</h2>
        <button type="button" class="secondary" disabled={loading} onClick={() => void load(null)} data-action="refresh-audit">{t().auditRefresh}</button>
      </div>
      <p>{t().auditIntro}</p>
      {error && <p class="msg refusal" role="alert">{error}</p>}
      {entries === null ? (!error && <p>{t().loading}</p>) : rows.length === 0 ? <p>{t().auditEmpty}</p> : (
        <ol class="seen" data-testid="seen-list">
          {rows.map((r) => {
            const w = auditWords(r);
            const member = state.members[r.actorId];
            return (
              <li key={r.id} data-actor={r.actorId} data-kind={r.kind} data-access={r.access ?? ''}>
                <strong>{w.who}</strong>{member && <>, {label(member.role)},</>} {w.what}.
                <span class="small"><time dateTime={r.last}>{w.when}</time>{w.access && <>. {w.access}</>}</span>
              </li>
            );
          })}
        </ol>
      )}
      {more !== null && (
        <button type="button" class="secondary" disabled={loading} onClick={() => void load(more)}>{t().auditMore}</button>
      )}
    </section>
  );
}
