import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api } from './api';
import { currentSession, signOut, type Session } from './auth';
import { useStore } from './hooks';
import { currentLang, setLang, t } from './i18n';
import { createSignalRHub, Live } from './live';
import { MeStore } from './meStore';
import { completeSignIn } from './oidc';
import { parseRoute } from './route';
import { rsw } from './rulesWords';
import { startPage } from './signInChoices';
import { chooseSignIn, fetchClientConfig, isSignInCallback, type SignInMode } from './signInMode';
import { Admin } from './views/Admin';
import { Board } from './views/Board';
import { ConnectionBanner } from './views/ConnectionBanner';
import { Home } from './views/Home';
import { Meeting } from './views/Meeting';
import { NewCase } from './views/NewCase';
import { Notifications } from './views/Notifications';
import { PersonView } from './views/PersonView';
import { RuleSets } from './views/RuleSets';
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

/**
 * After sign-in: ask who this is, then go where they start (their plan, the unit set-up, or home) — unless they have
 * gone somewhere else since they signed in (`from`: the address at that moment, not when this starts, so a page
 * opened in between is not taken from them).
 */
async function goToStart(store: MeStore, from: string): Promise<void> {
  const me = await store.load();
  if (location.hash === from) location.hash = startPage(me);
}

function App() {
  const [session, setSession] = useState<Session | null>(currentSession());
  const [lang, setLangState] = useState(currentLang());
  const hash = useHash();
  const [mode, setMode] = useState<SignInMode | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  /** The address when the user signed in, until they have been sent where they start. */
  const [fresh, setFresh] = useState<string | null>(null);
  // Ask the server how to sign in; back from the issuer, finish its sign-in first.
  useEffect(() => {
    void fetchClientConfig().then(async (config) => {
      const chosen = chooseSignIn(config);
      if (chosen.kind === 'oidc' && isSignInCallback(location.search)) {
        try {
          const s = await completeSignIn(chosen);
          setFresh(location.hash);
          setSession(s);
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
  const store = useMemo(() => (api ? new MeStore(api) : null), [api]);
  useEffect(() => {
    if (!live) return undefined;
    void live.start();
    return () => void live.stop();
  }, [live]);
  useEffect(() => {
    if (!store) return;
    if (fresh !== null) {
      setFresh(null);
      void goToStart(store, fresh);
    } else void store.load();
    void store.loadUnits();
  }, [store]);
  useStore(live);
  useStore(store);

  const toggleLang = () => {
    const next = lang === 'nb' ? 'en' : 'nb';
    setLang(next);
    setLangState(next);
  };

  const me = store?.me ?? null;
  const route = parseRoute(hash);
  let page;
  if (!session || !api || !live || !store) {
    page = <SignIn mode={mode} failed={signInFailed} onSignedIn={(s) => { setFresh(location.hash); setSession(s); }} />;
  } else {
    const ctx = { live, api, me: session, store };
    switch (route.page) {
      case 'home': page = <Home {...ctx} />; break;
      case 'admin': page = <Admin {...ctx} />; break;
      case 'new-case': page = <NewCase {...ctx} />; break;
      case 'settings': page = <Notifications api={api} />; break;
      case 'rules': page = <RuleSets api={api} />; break;
      case 'case': page = <Meeting key={route.id} caseId={route.id} tab={route.tab} focus={route.query.get('focus')} {...ctx} />; break;
      case 'board': page = <Board key={route.id} unitId={route.id} query={route.query} {...ctx} />; break;
      case 'person': page = <PersonView key={route.id} caseId={route.id} focus={route.query.get('focus')} {...ctx} />; break;
      default: page = <p role="alert">{t().notFound} <a href="#/">{t().navHome}</a></p>;
    }
  }

  const staff = (me?.units.length ?? 0) > 0;
  const current = (href: string) => (hash === href || hash.startsWith(`${href}?`) ? 'page' : undefined);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t().skip}</a>
      <header class="top no-print">
        <span class="brand">{t().appName}</span>
        {session && (
          <nav aria-label={t().navLabel}>
            {(staff || !me?.personCases.length) && <a href="#/" aria-current={current('#/')} data-nav="home">{t().navHome}</a>}
            {me?.units.map((u) => {
              const href = `#/units/${encodeURIComponent(u.unitId)}/board`;
              return <a key={u.unitId} href={href} aria-current={current(href)} data-nav="board">{me.units.length > 1 ? t().navBoardOf(u.name) : t().navBoard}</a>;
            })}
            {me?.personCases.map((c) => {
              const href = `#/me/${encodeURIComponent(c.caseId)}`;
              return <a key={c.caseId} href={href} aria-current={current(href)} data-nav="mine">{me.personCases.length > 1 ? `${t().navMine}: ${c.personName}` : t().navMine}</a>;
            })}
            {me?.isAdmin && <a href="#/admin" aria-current={current('#/admin')} data-nav="admin">{t().navAdmin}</a>}
            {me?.roles.includes('casegrid-rules') && <a href="#/rules" aria-current={current('#/rules')} data-nav="rules">{rsw().nav}</a>}
            {staff && <a href="#/settings" aria-current={current('#/settings')} data-nav="settings">{t().navSettings}</a>}
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
