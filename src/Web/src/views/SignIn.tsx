import { useState } from 'preact/hooks';
import { demoUsers, signIn, type Session } from '../auth';
import { currentLang, t } from '../i18n';
import { startSignIn } from '../oidc';
import type { SignInMode } from '../signInMode';

/** Sign-in: at the configured OpenID Connect issuer when there is one, else by picking a demo user. */
export function SignIn({ mode, failed, onSignedIn }: { mode: SignInMode | null; failed: boolean; onSignedIn: (s: Session) => void }) {
  if (!mode) return <p>{t().loading}</p>;
  if (mode.kind === 'oidc') return <IssuerSignIn mode={mode} failed={failed} />;
  if (mode.kind === 'none') return <p class="error" role="alert">{t().signInFailed}</p>;
  return <DemoSignIn onSignedIn={onSignedIn} />;
}

function IssuerSignIn({ mode, failed }: { mode: Extract<SignInMode, { kind: 'oidc' }>; failed: boolean }) {
  const [busy, setBusy] = useState(false);
  return (
    <section class="signin">
      <h1>{t().signInTitle}</h1>
      <p>{t().oidcIntro}</p>
      {failed && <p class="error" role="alert">{t().oidcFailed}</p>}
      <button type="button" data-action="oidc-sign-in" disabled={busy} onClick={() => { setBusy(true); void startSignIn(mode).catch(() => setBusy(false)); }}>
        {t().oidcSignIn}
      </button>
    </section>
  );
}

function DemoSignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
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
