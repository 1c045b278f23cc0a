import type { CaseEventRecord, CaseState } from '../src/types';

export function ev(version: number, type = 'GoalAdded'): CaseEventRecord {
  return { caseId: 'case-1', version, actorId: 'u-kari', clientId: null, occurredAt: '2026-11-23T10:00:00+01:00', event: { type } };
}

export function evs(...versions: number[]): CaseEventRecord[] {
  return versions.map((v) => ev(v));
}

export function caseAt(version: number): CaseState {
  return {
    caseId: 'case-1', groupId: 'g-1', person: { pseudonymId: 'P', displayName: 'Ola' }, phase: 'Serving', currentUnitId: 'u',
    home: { registeredUnitId: null, intendedUnitId: null, disputed: false },
    dates: { sentenceStart: null, earliestRelease: null, expectedRelease: null, endOfSentence: null, endOfSupervision: null },
    datesVersion: 0, coordinatorId: 'u-kari', members: {}, needAreas: {}, goals: {}, measures: {}, proposals: {}, handovers: {},
    updatedAt: '', version,
  };
}

/** Let pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
