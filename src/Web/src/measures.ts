import type { CaseState, Measure, MeasureStatus } from './types';

/** A move a user may make on a measure; `needsNote` when the case asks why (delivered, cancelled). */
export interface Transition { to: MeasureStatus; needsNote: boolean }

/**
 * The measure's next steps this user may take, by the case's rules: the person (or the coordinator with them)
 * chooses a proposed measure; its owner accepts, starts and delivers it; the owner or the coordinator cancels it.
 */
export function allowedTransitions(m: Measure, state: CaseState, userId: string): Transition[] {
  if (m.status === 'Delivered' || m.status === 'Cancelled') return [];
  const isOwner = m.ownerId === userId;
  const isCoordinator = state.coordinatorId === userId;
  const isPerson = state.members[userId]?.role === 'Person';
  const next: Partial<Record<MeasureStatus, { to: MeasureStatus; may: boolean }>> = {
    Proposed: { to: 'ChosenByPerson', may: isPerson || isCoordinator },
    ChosenByPerson: { to: 'AcceptedByOwner', may: isOwner },
    AcceptedByOwner: { to: 'Started', may: isOwner },
    Started: { to: 'Delivered', may: isOwner },
  };
  const out: Transition[] = [];
  const step = next[m.status];
  if (step?.may) out.push({ to: step.to, needsNote: step.to === 'Delivered' });
  if (isOwner || isCoordinator) out.push({ to: 'Cancelled', needsNote: true });
  return out;
}
