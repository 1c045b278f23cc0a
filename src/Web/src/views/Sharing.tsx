// The person's finer consent (domain §9): the agencies they do not share their plan with, consent to obtain information
// from other agencies, and the end date a consent was given with.
import { useState } from 'preact/hooks';
import { formatDate } from '../i18n';
import type { Live } from '../live';
import { rw } from '../rulesWords';
import type { CaseState } from '../types';
import { refusalText } from './refusal';

/** Agencies the person may leave out; the correctional service holds the case on its own legal basis. */
const agencies = ['Municipality', 'Nav', 'Health', 'School', 'Ngo', 'Other'];

const selfService = 'Registrert av personen selv under «Min plan» i CaseGrid';

/** Whom the person shares with, agency by agency, and when their consent ends; each change takes effect at once. */
export function SharingSection({ live, state }: { live: Live; state: CaseState }) {
  const w = rw();
  const consent = state.consent;
  const left = new Set(consent?.notSharedWith ?? []);
  const present = new Set(Object.values(state.members).filter((m) => !m.until).map((m) => m.agency));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (command: string, body: object, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const o = await live.execute(state.caseId, command, body);
      setMessage(o.error ? { ok: false, text: refusalText(o.error) } : { ok: true, text: done });
    } catch (e) {
      setMessage({ ok: false, text: refusalText(e) });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (agency: string) => {
    const next = left.has(agency) ? [...left].filter((a) => a !== agency) : [...left, agency];
    void run('LimitSharing', { notSharedWith: next, note: selfService }, left.has(agency) ? w.sharedAgain(w.agency(agency)) : w.notShared(w.agency(agency)));
  };
  const ends = Object.entries(consent?.ends ?? {}) as [string, string][];
  return (
    <section class="card privacy" aria-labelledby="sharing-h" data-testid="sharing-section">
      <h2 id="sharing-h">{w.sharingTitle}</h2>
      <p>{w.sharingIntro}</p>
      <ul class="scopes">
        {agencies.filter((a) => present.has(a) || left.has(a)).map((a) => (
          <li key={a} data-agency={a} data-shared={String(!left.has(a))}>
            <strong>{w.agency(a)}</strong>{' '}
            <span class={left.has(a) ? 'answer-no' : 'answer-yes'}>{left.has(a) ? w.notSharedWith : w.sharedWith}</span>{' '}
            <button type="button" class="secondary" disabled={busy || !live.online} data-action={left.has(a) ? 'share-again' : 'leave-out'} onClick={() => toggle(a)}>
              {left.has(a) ? w.shareAgain : w.leaveOut}<span class="sr-only"> – {w.agency(a)}</span>
            </button>
          </li>
        ))}
      </ul>
      {ends.length > 0 && (
        <p class="small" data-testid="consent-ends">{ends.map(([scope, day]) => w.consentEnds(w.scopeName(scope), formatDate(day))).join(' ')}</p>
      )}
      {message && <p class={message.ok ? 'msg' : 'msg refusal'} role={message.ok ? 'status' : 'alert'} data-testid="sharing-message">{message.text}</p>}
    </section>
  );
}
