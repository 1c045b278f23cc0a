import { describe, expect, it } from 'vitest';
import { releaseBlockers } from '../src/releaseGate';
import type { CaseState, GroupMember, NeedArea } from '../src/types';
import { caseAt } from './helpers';

const member = (userId: string, agency: string, over: Partial<GroupMember> = {}): GroupMember => ({
  userId, displayName: userId, role: 'Other', agency, unitId: null, from: '2026-01-01', until: null, deputyUserId: null, version: 1, ...over,
});
const need = (code: string, status: NeedArea['status'], owner: string | null = null): NeedArea => ({
  code, status, ownWords: null, assessment: null, accountableOwnerId: owner, supportingOwnerIds: [], version: 1,
});

function state(): CaseState {
  const s = caseAt(10);
  s.members = { kari: member('kari', 'Prison'), sofie: member('sofie', 'Municipality'), ola: member('ola', 'Person') };
  s.needAreas = {
    housing: need('housing', 'NeedIdentified', 'kari'),
    'income-debt': need('income-debt', 'InProgress', 'sofie'),
    'physical-health': need('physical-health', 'NotAssessed'),
    'mental-health': need('mental-health', 'Met', 'kari'),
    'substance-use': need('substance-use', 'DeclinedByPerson', 'kari'),
    work: need('work', 'NotAssessed'),
  };
  return s;
}

describe('releaseBlockers', () => {
  it('names each critical area not assessed, or owned only inside the prison; met, declined and outside owners pass', () => {
    expect(releaseBlockers(state(), '2026-12-06')).toEqual([
      { code: 'housing', reason: 'no-owner-outside', ownerId: 'kari' },
      { code: 'physical-health', reason: 'not-assessed', ownerId: null },
    ]);
  });

  it('lets an accepted handover to someone outside the prison, or a recorded exception, clear an area', () => {
    const s = state();
    s.handovers = {
      h1: {
        handoverId: 'h1', subject: 'housing', fromUserId: 'kari', toUnitId: 'k', toUserId: null, plannedDate: '2026-12-20', note: null,
        status: 'Accepted', offeredAt: '', acceptedById: 'sofie', acceptedAt: '', overlapMet: false, closedAt: null, reason: null, version: 2,
      },
    };
    s.releaseExceptions = [{ code: 'physical-health', reason: 'Kartlegges hos fastlegen første uke.', recordedById: 'kari', recordedAt: '' }];
    expect(releaseBlockers(s, '2026-12-06')).toEqual([]);
  });

  it('does not count an owner whose membership has ended', () => {
    const s = state();
    s.members.sofie = member('sofie', 'Municipality', { until: '2026-12-01' });
    expect(releaseBlockers(s, '2026-12-06').map((b) => b.code)).toContain('income-debt');
  });
});
