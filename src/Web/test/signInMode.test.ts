import { describe, expect, it } from 'vitest';
import { chooseSignIn, isSignInCallback } from '../src/signInMode';

describe('chooseSignIn', () => {
  it('signs in at the configured issuer with the web client id and scope', () => {
    expect(chooseSignIn({ devIssuer: false, authority: 'https://login.example.no/realms/casegrid', clientId: 'casegrid-web', scope: 'openid profile' }))
      .toEqual({ kind: 'oidc', authority: 'https://login.example.no/realms/casegrid', clientId: 'casegrid-web', scope: 'openid profile' });
  });

  it('prefers the configured issuer even where the development issuer is also on', () => {
    expect(chooseSignIn({ devIssuer: true, authority: 'https://login.example.no', clientId: 'web', scope: '' }).kind).toBe('oidc');
  });

  it('keeps the demo-user picker in the default run, and when the server cannot be asked', () => {
    expect(chooseSignIn({ devIssuer: true, authority: null, clientId: null, scope: 'openid profile' })).toEqual({ kind: 'dev' });
    expect(chooseSignIn(null)).toEqual({ kind: 'dev' });
  });

  it('offers no sign-in when an authority lacks the web client id and there is no development issuer', () => {
    expect(chooseSignIn({ devIssuer: false, authority: 'https://login.example.no', clientId: null, scope: 'openid' })).toEqual({ kind: 'none' });
  });
});

describe('isSignInCallback', () => {
  it('knows the issuer sending the user back, with a code or an error', () => {
    expect(isSignInCallback('?code=abc&state=xyz')).toBe(true);
    expect(isSignInCallback('?error=access_denied&state=xyz')).toBe(true);
    expect(isSignInCallback('')).toBe(false);
    expect(isSignInCallback('?code=abc')).toBe(false);
  });
});
