import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api } from './api';
import { currentSession, demoUsers, homeOf, signOut, type Session } from './auth';
import { useStore } from './hooks';
import { currentLang, setLang, t } from './i18n';
import { createSignalRHub, Live } from './live';
import { Board } from './views/Board';
import { ConnectionBanner } from './views/ConnectionBanner';
import { Meeting } from './views/Meeting';
import { PersonView } from './views/PersonView';
import { completeSignIn } from './oidc';
import { chooseSignIn, fetchClientConfig, isSignInCallback, type SignInMode } from './signInMode';
import { SignIn } from './views/SignIn';
import './styles.css';

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const onChange = () => setHash(location.hash || '#/');
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function App() {
  const [session, setSession] = useState<Session | null>(currentSession());
  const [lang, setLangState] = useState(currentLang());
  const hash = useHash();
  const [mode, setMode] = useState<SignInMode | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  // Ask the server how to sign in; back from the issuer, finish its sign-in first.
  useEffect(() => {
    void fetchClientConfig().then(async (config) => {
      const chosen = chooseSignIn(config);
      if (chosen.kind === 'oidc' && isSignInCallback(location.search)) {
        try {
          const s = await completeSignIn(chosen);
          setSession(s);
          location.hash = homeOf(s.userId);
        } catch {
          history.replaceState(null, '', location.pathname);
          setSignInFailed(true);
        }
      }
      setMode(chosen);
    });
  }, []);

  const api = useMemo(() => (session ? new Api(() => session.token) : null), [session]);
  const live = useMemo(() => (session && api ? new Live(createSignalRHub(() => session.token), api) : null), [session, api]);
  useEffect(() => {
    if (!live) return undefined;
    void live.start();
    return () => void live.stop();
  }, [live]);
  useStore(live);

  const toggleLang = () => {
    const next = lang === 'nb' ? 'en' : 'nb';
    setLang(next);
    setLangState(next);
  };

  const me = session ? demoUsers.find((u) => u.userId === session.userId) : undefined;
  let page;
  let m: RegExpExecArray | null;
  if (!session || !api || !live) {
    page = <SignIn mode={mode} failed={signInFailed} onSignedIn={(s) => { setSession(s); location.hash = homeOf(s.userId); }} />;
  } else if ((m = /^#\/cases\/([^/]+)$/.exec(hash))) {
    page = <Meeting key={m[1]} caseId={decodeURIComponent(m[1])} live={live} api={api} me={session} />;
  } else if ((m = /^#\/units\/([^/]+)\/board$/.exec(hash))) {
    page = <Board key={m[1]} unitId={decodeURIComponent(m[1])} live={live} api={api} />;
  } else if ((m = /^#\/me\/([^/]+)$/.exec(hash))) {
    page = <PersonView key={m[1]} caseId={decodeURIComponent(m[1])} live={live} api={api} me={session} />;
  } else {
    location.replace(homeOf(session.userId));
    page = null;
  }

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t().skip}</a>
      <header class="top">
        <span class="brand">{t().appName}</span>
        {session && (
          <nav aria-label="CaseGrid">
            {session.userId === 'u-ola'
              ? <a href={homeOf(session.userId)}>{t().navMine}</a>
              : <a href={homeOf(session.userId)}>{t().navMeeting}</a>}
            {me?.unitId && <a href={`#/units/${me.unitId}/board`}>{t().navBoard}</a>}
          </nav>
        )}
        <span class="spacer" />
        {session && <span class="who">{t().signedInAs} <strong>{session.name}</strong></span>}
        <button type="button" class="link" onClick={toggleLang} aria-label={t().langToggleLabel} lang={lang === 'nb' ? 'en' : 'nb'}>{t().langToggle}</button>
        {session && (
          <button type="button" class="link" onClick={() => { signOut(); setSession(null); location.hash = '#/'; }}>{t().signOut}</button>
        )}
      </header>
      {live && <ConnectionBanner live={live} />}
      <main id="main" tabIndex={-1}>{page}</main>
    </>
  );
}

setLang(currentLang());
render(<App />, document.getElementById('app')!);
