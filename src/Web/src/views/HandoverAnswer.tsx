import { useState } from 'preact/hooks';
import type { Api } from '../api';
import { label, t } from '../i18n';
import type { WorkItem } from '../types';
import { Outcome, useAction } from './common';

/**
 * An offered handover answered where it is seen (what needs me, the board): accept in one click, or decline with a
 * reason. The item goes from the list when the server says the handover is answered.
 */
export function HandoverAnswer({ api, item }: { api: Api; item: WorkItem }) {
  const action = useAction();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const path = (verb: string) => `handovers/${encodeURIComponent(item.refId ?? '')}/${verb}`;
  const what = `${item.subjectTitle ?? label(item.subject)}, ${item.personName}`;
  const decline = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) return;
    if (await action.run(() => api.command(item.caseId, path('decline'), { reason: reason.trim() }), t().handoverDeclined)) setDeclining(false);
  };
  return (
    <>
      <div class="buttons">
        <button type="button" data-action="accept" disabled={action.busy}
          onClick={() => void action.run(() => api.command(item.caseId, path('accept')), t().handoverAccepted)}>
          {t().accept}<span class="sr-only"> – {what}</span>
        </button>
        <button type="button" class="secondary" data-action="decline" aria-expanded={declining} onClick={() => setDeclining(!declining)}>
          {t().decline}<span class="sr-only"> – {what}</span>
        </button>
      </div>
      {declining && (
        <form class="inline" onSubmit={(e) => void decline(e)}>
          <label for={`decline-${item.itemId}`}>{t().declineReason}</label>
          <input id={`decline-${item.itemId}`} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
          <button type="submit" data-action="confirm-decline" disabled={action.busy}>{t().decline}</button>
        </form>
      )}
      <Outcome message={action.message} />
    </>
  );
}
