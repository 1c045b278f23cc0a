import { describe, expect, it } from 'vitest';
import { adminChoice, signInChoices, startPage } from '../src/signInChoices';
import type { DevUser } from '../src/types';

const prison = { unitId: 'fengsel-1', name: 'Bergen fengsel', agency: 'Prison' };
const kommune = { unitId: 'kommune-1', name: 'Bergen kommune', agency: 'Municipality' };

describe('the development sign-in', () => {
  it('offers only the administrator from an empty start', () => {
    const groups = signInChoices([]);
    expect(groups).toHaveLength(1);
    expect(groups[0].kind).toBe('admin');
    expect(groups[0].choices[0]).toMatchObject({ userId: adminChoice.userId, roles: ['casegrid-admin'] });
  });

  it('groups staff by their unit, by name, lists each person once, then the persons of cases, then the administrator', () => {
    const users: DevUser[] = [
      { userId: 'u2', name: 'Sofie Strand', units: [kommune], personCases: [] },
      { userId: 'u1', name: 'Kari Nilsen', units: [{ ...prison, isLeader: false }], personCases: [] },
      { userId: 'u3', name: 'Arne Vik', units: [{ ...kommune, isLeader: true }, prison], personCases: [] },
      { userId: 'p1', name: 'Ola Nordmann', units: [], personCases: [{ caseId: 'case-1', personName: 'Ola Nordmann' }] },
      { userId: 'nobody', name: 'Uten enhet', units: [], personCases: [] },
    ];
    const groups = signInChoices(users);
    expect(groups.map((g) => [g.kind, g.title, g.choices.map((c) => c.name)])).toEqual([
      ['unit', 'Bergen fengsel', ['Arne Vik', 'Kari Nilsen']],
      ['unit', 'Bergen kommune', ['Sofie Strand']],
      ['persons', '', ['Ola Nordmann']],
      ['admin', '', ['Administrator']],
    ]);
    // Arne is listed under his first unit by name, and both his units are told.
    expect(groups[0].choices[0].units).toEqual([{ name: 'Bergen fengsel', leader: false }, { name: 'Bergen kommune', leader: true }]);
    expect(groups.flatMap((g) => g.choices).filter((c) => c.userId === 'u3')).toHaveLength(1);
  });

  it('starts the person on their plan, an administrator without a unit at the unit set-up, and staff at home', () => {
    expect(startPage({ isAdmin: false, units: [], personCases: [{ caseId: 'case 1' }] })).toBe('#/me/case%201');
    expect(startPage({ isAdmin: true, units: [], personCases: [] })).toBe('#/admin');
    expect(startPage({ isAdmin: true, units: [kommune], personCases: [] })).toBe('#/');
    expect(startPage({ isAdmin: false, units: [kommune], personCases: [{ caseId: 'c' }] })).toBe('#/');
    expect(startPage(null)).toBe('#/');
  });
});
