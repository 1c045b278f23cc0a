// Where each kind of work item is acted on. Pure: the home page renders buttons and links from these.
import { needDefinition } from './catalogue';
import { boardHref, caseHref, personHref } from './route';
import type { WorkItem } from './types';

/** The action done right on the list (one click), or the page that does it. */
export type WorkAct =
  | { kind: 'answer-handover'; handoverId: string }
  | { kind: 'acknowledge-dates'; datesVersion: number | null }
  | { kind: 'resolve-escalation'; escalationId: string; href: string }
  | { kind: 'link'; href: string };

export function workAct(item: WorkItem): WorkAct {
  switch (item.action) {
    case 'handover.answer':
      return item.refId ? { kind: 'answer-handover', handoverId: item.refId } : { kind: 'link', href: caseHref(item.caseId) };
    case 'dates.acknowledge': {
      const v = item.refId && /^\d+$/.test(item.refId) ? Number(item.refId) : null;
      return { kind: 'acknowledge-dates', datesVersion: v };
    }
    case 'proposal.answer':
      return { kind: 'link', href: caseHref(item.caseId, 'plan', item.refId ? `proposal-${item.refId}` : undefined) };
    case 'deadline.meet':
      return { kind: 'link', href: caseHref(item.caseId, 'time', item.refId ? `deadline-${item.refId}` : 'deadlines') };
    case 'escalation.resolve': {
      // The subject is the responsibility (a need area or the coordinator role), else the rule of a missed deadline.
      const responsibility = item.subject === 'coordinator' || (!!item.subject && !!needDefinition(item.subject));
      const deadline = !!item.subject && !responsibility;
      const href = deadline ? caseHref(item.caseId, 'time', 'deadlines') : caseHref(item.caseId, 'plan', 'handovers');
      return item.refId ? { kind: 'resolve-escalation', escalationId: item.refId, href } : { kind: 'link', href };
    }
    case 'responsibility.reassign':
      // The orphaned responsibilities are flagged at the top of the plan, with the handovers and overrides below them.
      return { kind: 'link', href: caseHref(item.caseId, 'plan', 'orphans') };
    case 'consent.confirm':
      return { kind: 'link', href: personHref(item.caseId, 'consent') };
    default:
      return { kind: 'link', href: caseHref(item.caseId) };
  }
}

/** Where to look at the item's case: the board of the unit it reached me through, when I am not in the case yet. */
export function caseLinkOf(item: WorkItem, memberOf: (caseId: string) => boolean): string {
  if (item.kind === 'ConsentToConfirm') return personHref(item.caseId);
  if (!memberOf(item.caseId) && item.unitId) return boardHref(item.unitId, `q=${encodeURIComponent(item.personName)}`);
  return caseHref(item.caseId);
}
