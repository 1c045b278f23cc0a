import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { t } from '../i18n';
import type { NotificationSettings } from '../types';
import { Outcome, useAction } from './common';
import { refusalText } from './refusal';

/** The kinds a person may opt out of by e-mail; escalations and "release moved earlier" come at once, the rest daily. */
const kinds = ['Escalation', 'ReleaseMovedEarlier', 'HandoverOffered', 'ProposalToAnswer', 'DeadlineDue', 'DeadlineMissed', 'KeyDatesChanged', 'OwnerLeftUnit'];

/** Told when away: where CaseGrid e-mails me, and which kinds I do not want by e-mail. */
export function Notifications({ api }: { api: Api }) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const action = useAction();
  useEffect(() => {
    api.getNotifications().then(setSettings, (e) => setError(refusalText(e)));
  }, [api]);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!settings) return <p>{t().loading}</p>;
  const toggle = (kind: string, on: boolean) =>
    setSettings({ ...settings, optOut: on ? settings.optOut.filter((k) => k !== kind) : [...settings.optOut, kind] });
  return (
    <div class="settings">
      <h1>{t().notificationsTitle}</h1>
      <p class="lead">{t().notificationsIntro}</p>
      <form class="card stack" onSubmit={(e) => { e.preventDefault(); void action.run(() => api.putNotifications(settings)); }}>
        <label for="n-email">{t().staffEmail}</label>
        <input id="n-email" type="email" value={settings.email ?? ''} onInput={(e) => setSettings({ ...settings, email: e.currentTarget.value || null })} />
        <fieldset class="checks">
          <legend>{t().notificationsKinds}</legend>
          {kinds.map((k) => (
            <label key={k}>
              <input type="checkbox" checked={!settings.optOut.includes(k)} onChange={(e) => toggle(k, e.currentTarget.checked)} />
              {' '}{t().workKind(k)} <span class="small">{k === 'Escalation' || k === 'OwnerLeftUnit' || k === 'ReleaseMovedEarlier' ? t().mailAtOnce : t().mailDaily}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={action.busy}>{t().save}</button>
        <Outcome message={action.message} />
      </form>
    </div>
  );
}
