// The development sign-in's choices: the people CaseGrid knows (`GET /dev/users`: unit staff and the persons of
// cases), grouped by where they work, and an administrator to set up units from an empty start. Pure.
import type { DevUser } from './types';

/** The development administrator: defines units and their staff. */
export const adminChoice = { userId: 'u-admin', name: 'Administrator', roles: ['casegrid-admin'] } as const;

export interface SignInChoice {
  userId: string;
  name: string;
  /** Where they work ("Bergen fengsel, leder"), or whose plan it is. */
  units: { name: string; leader: boolean }[];
  /** The cases in which they are the person. */
  personCases: string[];
  roles: readonly string[];
}

export interface SignInGroup {
  /** `unit` groups carry the unit's name and kind; `persons` the people with a plan; `admin` the administrator. */
  kind: 'unit' | 'persons' | 'admin';
  title: string;
  agency: string | null;
  choices: SignInChoice[];
}

/**
 * One group per unit (by name), each person listed once under the first of their units (by name), then the persons of
 * cases, then the administrator. From an empty start only the administrator is offered.
 */
export function signInChoices(users: readonly DevUser[]): SignInGroup[] {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nb');
  const groups = new Map<string, SignInGroup>();
  const persons: SignInChoice[] = [];
  for (const u of [...users].sort(byName)) {
    const units = [...u.units].sort(byName);
    const choice: SignInChoice = {
      userId: u.userId,
      name: u.name,
      units: units.map((x) => ({ name: x.name, leader: !!x.isLeader })),
      personCases: u.personCases.map((c) => c.personName),
      roles: [],
    };
    const first = units[0];
    if (first) {
      const g = groups.get(first.unitId) ?? { kind: 'unit' as const, title: first.name, agency: first.agency, choices: [] };
      g.choices.push(choice);
      groups.set(first.unitId, g);
    } else if (u.personCases.length) {
      persons.push(choice);
    }
  }
  const out: SignInGroup[] = [...groups.values()].sort((a, b) => a.title.localeCompare(b.title, 'nb'));
  if (persons.length) out.push({ kind: 'persons', title: '', agency: null, choices: persons });
  out.push({
    kind: 'admin', title: '', agency: null,
    choices: [{ userId: adminChoice.userId, name: adminChoice.name, units: [], personCases: [], roles: adminChoice.roles }],
  });
  return out;
}

/** Where a signed-in user starts: the person on their own plan, an administrator without a unit at the unit set-up, everyone else at home. */
export function startPage(me: { isAdmin: boolean; units: unknown[]; personCases: { caseId: string }[] } | null): string {
  if (!me) return '#/';
  if (me.units.length === 0 && me.personCases.length > 0) return `#/me/${encodeURIComponent(me.personCases[0].caseId)}`;
  if (me.isAdmin && me.units.length === 0) return '#/admin';
  return '#/';
}
