// Sign-in through the development issuer (or the configured issuer, src/oidc.ts): the token lives in sessionStorage,
// so it ends with the tab.

export interface DemoUser {
  userId: string;
  name: string;
  /** What they do, in bokmål and English. */
  role: { nb: string; en: string };
  /** The unit whose board they may see, if any. */
  unitId?: string;
}

/** The demo users (src/Api/Auth/DemoUsers.cs) and where the demo seeds them (src/Silo/Demo/DemoSeeder.cs). */
export const demoUsers: DemoUser[] = [
  { userId: 'u-kari', name: 'Kari Nilsen', role: { nb: 'Kontaktbetjent, Bergen fengsel', en: 'Contact officer, Bergen prison' }, unitId: 'fengsel-bergen' },
  { userId: 'u-lars', name: 'Lars Berg', role: { nb: 'Friomsorgen i Bergen', en: 'Probation office, Bergen' }, unitId: 'friomsorg-bergen' },
  { userId: 'u-ingrid', name: 'Ingrid Dahl', role: { nb: 'Bergen kommune, bolig', en: 'Bergen municipality, housing' }, unitId: 'bergen-kommune' },
  { userId: 'u-sofie', name: 'Sofie Strand', role: { nb: 'Bergen kommune, boligkontoret', en: 'Bergen municipality, housing office' }, unitId: 'bergen-kommune' },
  { userId: 'u-nora', name: 'Nora Lie', role: { nb: 'NAV Bergenhus', en: 'NAV Bergenhus' }, unitId: 'nav-bergen' },
  { userId: 'u-hilde', name: 'Hilde Sørensen', role: { nb: 'Rus- og psykisk helsetjeneste', en: 'Substance use and mental health service' }, unitId: 'helse-bergen' },
  { userId: 'u-ola', name: 'Ola Nordmann', role: { nb: 'Personen planen gjelder', en: 'The person the plan is for' } },
  { userId: 'u-per', name: 'Per Hansen', role: { nb: 'Leder, Bergen fengsel', en: 'Leader, Bergen prison' }, unitId: 'fengsel-bergen' },
  { userId: 'u-mette', name: 'Mette Aas', role: { nb: 'Leder, friomsorgen', en: 'Leader, probation office' }, unitId: 'friomsorg-bergen' },
  { userId: 'u-arne', name: 'Arne Vik', role: { nb: 'Leder, Bergen kommune', en: 'Leader, Bergen municipality' }, unitId: 'bergen-kommune' },
  { userId: 'u-jon', name: 'Jon Moe', role: { nb: 'Leder, NAV Bergenhus', en: 'Leader, NAV Bergenhus' }, unitId: 'nav-bergen' },
];

export const demoCaseId = 'case-demo-ola';

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

export async function signIn(userId: string): Promise<Session> {
  const user = demoUsers.find((u) => u.userId === userId);
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, displayName: user?.name }),
  });
  if (!res.ok) throw new Error(`${res.status}`);
  const body = (await res.json()) as { accessToken: string; expiresAt: string };
  const session: Session = { userId, name: user?.name ?? userId, token: body.accessToken, expiresAt: body.expiresAt };
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

/** Where a user starts: the person on their own view, staff on the demo case. */
export function homeOf(userId: string): string {
  return userId === 'u-ola' ? `#/me/${demoCaseId}` : `#/cases/${demoCaseId}`;
}
