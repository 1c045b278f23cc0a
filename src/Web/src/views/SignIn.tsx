import { useState } from 'preact/hooks';
import { demoUsers, signIn, type Session } from '../auth';
import { currentLang, t } from '../i18n';

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = async (userId: string) => {
    setBusy(userId);
    setError(null);
    try {
      onSignedIn(await signIn(userId));
    } catch {
      setError(t().signInFailed);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="signin">
      <h1>{t().signInTitle}</h1>
      <p>{t().signInIntro}</p>
      {error && <p class="error" role="alert">{error}</p>}
      <ul class="users">
        {demoUsers.map((u) => (
          <li key={u.userId}>
            <button type="button" data-user={u.userId} disabled={busy !== null} onClick={() => void go(u.userId)}
              aria-label={`${t().signInAs} ${u.name}, ${u.role[currentLang()]}`}>
              <strong>{u.name}</strong>
              <span>{u.role[currentLang()]}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
