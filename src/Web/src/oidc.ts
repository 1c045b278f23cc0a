import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { saveSession, type Session } from './auth';
import type { SignInMode } from './signInMode';

type OidcMode = Extract<SignInMode, { kind: 'oidc' }>;

/** The issuer's sign-in: authorization code with PKCE, back to this page; state kept only in this tab. */
function manager(mode: OidcMode): UserManager {
  const here = `${location.origin}${location.pathname}`;
  return new UserManager({
    authority: mode.authority,
    client_id: mode.clientId,
    redirect_uri: here,
    post_logout_redirect_uri: here,
    response_type: 'code',
    scope: mode.scope,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/** Go to the issuer to sign in. */
export function startSignIn(mode: OidcMode): Promise<void> {
  return manager(mode).signinRedirect();
}

/** Back from the issuer: trade the code for tokens, keep the session, and clean the address. */
export async function completeSignIn(mode: OidcMode): Promise<Session> {
  const user: User = await manager(mode).signinRedirectCallback();
  history.replaceState(null, '', location.pathname + location.hash);
  const session: Session = {
    userId: user.profile.sub,
    name: user.profile.name ?? user.profile.preferred_username ?? user.profile.sub,
    token: user.access_token,
    expiresAt: new Date((user.expires_at ?? Date.now() / 1000 + 3600) * 1000).toISOString(),
  };
  saveSession(session);
  return session;
}
