/** `GET /api/v1/client-config`: how this CaseGrid signs people in. */
export interface ClientConfig {
  devIssuer: boolean;
  authority: string | null;
  clientId: string | null;
  scope: string;
}

/** The sign-in the page offers: the configured OpenID Connect issuer, the demo users, or none. */
export type SignInMode =
  | { kind: 'oidc'; authority: string; clientId: string; scope: string }
  | { kind: 'dev' }
  | { kind: 'none' };

/**
 * The configured issuer whenever the server names one (with the web app's client id); the development issuer's demo
 * users otherwise. A server that cannot be asked (an older one, or down) is taken as the development run.
 */
export function chooseSignIn(config: ClientConfig | null): SignInMode {
  if (!config) return { kind: 'dev' };
  if (config.authority && config.clientId) {
    return { kind: 'oidc', authority: config.authority, clientId: config.clientId, scope: config.scope || 'openid profile' };
  }
  return config.devIssuer ? { kind: 'dev' } : { kind: 'none' };
}

/** Whether this address is the issuer sending the user back with an authorization code (or an error). */
export function isSignInCallback(search: string): boolean {
  const q = new URLSearchParams(search);
  return q.has('state') && (q.has('code') || q.has('error'));
}

export async function fetchClientConfig(): Promise<ClientConfig | null> {
  try {
    const res = await fetch('/api/v1/client-config', { headers: { Accept: 'application/json' } });
    return res.ok ? ((await res.json()) as ClientConfig) : null;
  } catch {
    return null;
  }
}
