// What stands between a case and "released" (domain §8; the server's ReleaseGate decides, this tells the user
// beforehand): every critical need area either met, declined by the person, owned (or accepted) by a current agency
// member outside the prison, or covered by a recorded exception. Pure.
import { needAreas, type NeedAreaDefinition } from './catalogue';
import type { CaseState, GroupMember } from './types';

export type BlockReason = 'not-assessed' | 'no-owner-outside';

export interface ReleaseBlocker { code: string; reason: BlockReason; ownerId: string | null }

function activeOn(m: GroupMember | undefined, today: string): m is GroupMember {
  return !!m && m.from <= today && (!m.until || today < m.until);
}

/** True when the area's owner, or the receiver who accepted its open handover, is a current agency member outside the prison. */
export function hasOwnerOutsidePrison(state: CaseState, code: string, today: string): boolean {
  const need = state.needAreas[code];
  if (!need) return false;
  const open = Object.values(state.handovers).find((h) => h.subject === code && (h.status === 'Offered' || h.status === 'Accepted'));
  const accepted = open?.status === 'Accepted' ? open.acceptedById : null;
  const outside = (userId: string | null | undefined) => {
    const m = userId ? state.members[userId] : undefined;
    return activeOn(m, today) && !m.until && m.agency !== 'Prison' && m.agency !== 'Person';
  };
  return outside(need.accountableOwnerId) || outside(accepted);
}

/** The critical areas that block release today, in catalogue order. */
export function releaseBlockers(state: CaseState, today: string, catalogue: readonly NeedAreaDefinition[] = needAreas): ReleaseBlocker[] {
  const excepted = new Set((state.releaseExceptions ?? []).map((x) => x.code));
  const out: ReleaseBlocker[] = [];
  for (const def of catalogue.filter((d) => d.criticalForRelease)) {
    const need = state.needAreas[def.code];
    if (!need || excepted.has(def.code)) continue;
    if (need.status === 'NotAssessed') out.push({ code: def.code, reason: 'not-assessed', ownerId: null });
    else if (need.status !== 'Met' && need.status !== 'DeclinedByPerson' && !hasOwnerOutsidePrison(state, def.code, today)) {
      out.push({ code: def.code, reason: 'no-owner-outside', ownerId: need.accountableOwnerId });
    }
  }
  return out;
}
