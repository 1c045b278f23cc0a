import { describe, expect, it } from 'vitest';
import { allowedTransitions } from '../src/measures';
import type { Measure, MeasureStatus } from '../src/types';
import { caseAt } from './helpers';

const state = {
  ...caseAt(5),
  coordinatorId: 'u-lars',
  members: {
    'u-ola': { userId: 'u-ola', displayName: 'Ola', role: 'Person', agency: 'None', unitId: null, from: '', until: null, deputyUserId: null, version: 1 },
  },
};

function measure(status: MeasureStatus): Measure {
  return { measureId: 'm-1', needCodes: ['housing'], what: 'Bolig', why: null, ownerId: 'u-ingrid', due: null, requirements: null, status, statusNote: null, version: 3 };
}

const moves = (status: MeasureStatus, user: string) => allowedTransitions(measure(status), state, user).map((t) => t.to);

describe('allowedTransitions', () => {
  it('lets the person or the coordinator choose a proposed measure, not its owner', () => {
    expect(moves('Proposed', 'u-ola')).toEqual(['ChosenByPerson']);
    expect(moves('Proposed', 'u-lars')).toEqual(['ChosenByPerson', 'Cancelled']);
    expect(moves('Proposed', 'u-ingrid')).toEqual(['Cancelled']);
  });

  it('lets only the owner accept, start and deliver, each from the step before', () => {
    expect(moves('ChosenByPerson', 'u-ingrid')).toEqual(['AcceptedByOwner', 'Cancelled']);
    expect(moves('AcceptedByOwner', 'u-ingrid')).toEqual(['Started', 'Cancelled']);
    expect(moves('Started', 'u-ingrid')).toEqual(['Delivered', 'Cancelled']);
    expect(moves('Started', 'u-ola')).toEqual([]);
    expect(moves('ChosenByPerson', 'u-lars')).toEqual(['Cancelled']);
  });

  it('asks for a note when delivering or cancelling, and offers nothing on a finished measure', () => {
    expect(allowedTransitions(measure('Started'), state, 'u-ingrid').every((t) => t.needsNote)).toBe(true);
    expect(moves('Delivered', 'u-ingrid')).toEqual([]);
    expect(moves('Cancelled', 'u-lars')).toEqual([]);
  });
});
