import { useEffect, useState } from 'preact/hooks';
import { fetchDevUsers } from '../api';
import { signIn, type Session } from '../auth';
import { t } from '../i18n';
import { startSignIn } from '../oidc';
import { signInChoices, type SignInChoice, type SignInGroup } from '../signInChoices';
import type { SignInMode } from '../signInMode';

/** Sign-in: at the configured OpenID Connect issuer when there is one, else by picking someone CaseGrid knows. */
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
  const [groups, setGroups] = useState<SignInGroup[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchDevUsers().then((users) => setGroups(signInChoices(users)), () => {
      setGroups(signInChoices([]));
      setError(t().signInPeopleFailed);
    });
  }, []);
  const go = async (c: SignInChoice) => {
    setBusy(c.userId);
    setError(null);
    try {
      onSignedIn(await signIn(c.userId, c.name, c.roles));
    } catch {
      setError(t().signInFailed);
    } finally {
      setBusy(null);
    }
  };
  const describe = (c: SignInChoice) =>
    c.roles.length ? t().signInAdminRole
      : c.units.length ? c.units.map((u) => (u.leader ? `${u.name} (${t().leader})` : u.name)).join(', ')
        : t().signInPersonOf(c.personCases.join(', '));
  const title = (g: SignInGroup) => (g.kind === 'unit' ? `${g.title} – ${t().unitKindName[g.agency ?? ""] ?? g.agency}` : g.kind === 'persons' ? t().signInPersons : t().signInAdmin);
  return (
    <section class="signin">
      <h1>{t().signInTitle}</h1>
      <p>{t().signInIntro}</p>
      {error && <p class="error" role="alert">{error}</p>}
      {!groups ? <p>{t().loading}</p> : (
        <>
          {groups.length === 1 && <p data-testid="empty-start">{t().signInEmpty}</p>}
          {groups.map((g, i) => (
            <section key={`${g.kind}-${g.title}-${i}`} class="signin-group" aria-labelledby={`sg-${i}`}>
              <h2 id={`sg-${i}`}>{title(g)}</h2>
              <ul class="users">
                {g.choices.map((c) => (
                  <li key={c.userId}>
                    <button type="button" data-user={c.userId} data-admin={c.roles.length ? 'true' : undefined} disabled={busy !== null}
                      onClick={() => void go(c)} aria-label={`${t().signInAs} ${c.name}, ${describe(c)}`}>
                      <strong>{c.name}</strong>
                      <span>{describe(c)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
