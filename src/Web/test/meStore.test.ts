import { describe, expect, it } from 'vitest';
import type { Api } from '../src/api';
import { MeStore } from '../src/meStore';

describe('MeStore', () => {
  it('names units instead of their ids, in a server text too, and keeps words that only look like ids', async () => {
    const api = {
      getMe: async () => ({ userId: 'u-1', name: 'Kari', roles: [], isAdmin: false, personCases: [],
        units: [{ unitId: 'unit-bergen-fengsel-3f9a1c', name: 'Bergen fengsel', agency: 'Prison', isLeader: false }] }),
      directoryUnits: async () => [{ unitId: 'bergen-kommune', name: 'Bergen kommune', agency: 'Municipality' }],
    } as unknown as Api;
    const store = new MeStore(api);
    await store.load();
    await store.loadUnits();
    expect(store.unit('bergen-kommune')?.name).toBe('Bergen kommune');
    expect(store.named('Overleveringen til bergen-kommune var planlagt 2026-12-20, men er ikke akseptert.'))
      .toBe('Overleveringen til Bergen kommune var planlagt 2026-12-20, men er ikke akseptert.');
    expect(store.named('Bostedskommune: unit-bergen-fengsel-3f9a1c (omstridt)')).toBe('Bostedskommune: Bergen fengsel (omstridt)');
    expect(store.allUnits.map((u) => u.name)).toEqual(['Bergen fengsel', 'Bergen kommune']);
  });

  it('keeps going without a directory (the person has none)', async () => {
    const api = { getMe: async () => { throw new Error('403'); }, directoryUnits: async () => { throw new Error('403'); } } as unknown as Api;
    const store = new MeStore(api);
    expect(await store.load()).toBeNull();
    await store.loadUnits();
    expect(store.loaded).toBe(true);
    expect(store.named('bergen-kommune')).toBe('bergen-kommune');
  });
});
