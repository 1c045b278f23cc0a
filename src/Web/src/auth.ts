// Sign-in through the development issuer (or the configured issuer, src/oidc.ts): the token lives in sessionStorage,
// so it ends with the tab.

export interface Session {
  userId: string;
  name: string;
  token: string;
  expiresAt: string;
}

const key = 'casegrid.session';

export function currentSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** A development token for someone CaseGrid knows (`GET /dev/users`), or the administrator with its role. */
export async function signIn(userId: string, name: string, roles: readonly string[] = []): Promise<Session> {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, displayName: name, ...(roles.length ? { roles } : {}) }),
  });
  if (!res.ok) throw new Error(`${res.status}`);
  const body = (await res.json()) as { accessToken: string; expiresAt: string };
  const session: Session = { userId, name, token: body.accessToken, expiresAt: body.expiresAt };
  saveSession(session);
  return session;
}

/** Keep a session for this tab only. */
export function saveSession(session: Session): void {
  sessionStorage.setItem(key, JSON.stringify(session));
}

export function signOut(): void {
  sessionStorage.removeItem(key);
}
