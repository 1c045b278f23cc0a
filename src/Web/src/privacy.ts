// The person's consent, who sees their health details, and who has read their plan, in plain words (domain §9).
// Pure: the views render what these return.
import { currentLang, formatDateTime, formatTime, osloDay, words, type Lang } from './i18n';
import type { AuditEntry, CaseState, Consent, ConsentScope, GroupMember } from './types';

/** The scopes a person consents to, in the order the person's view shows them. */
export const consentScopes: ConsentScope[] = ['PlanSharing', 'PartnerSystems', 'ObtainInformation'];

/** The consent in one line for the meeting header: "deling i gruppa ✓, fagsystemer ✓", or that there is none. */
export function consentSummary(consent: Consent | null | undefined, lang: Lang = currentLang()): string {
  const w = words(lang);
  const given = new Set(consent?.scopes ?? []);
  if (!consentScopes.some((s) => given.has(s))) return w.consentNone;
  const line = consentScopes.map((s) => `${w.consentScopeShort[s]} ${given.has(s) ? '✓' : '✗'}`).join(', ');
  return given.has('PlanSharing') ? line : `${line} – ${w.consentDetailsWithheld}`;
}

/** What a kind of read is, for the person: seeing the plan, showing it on a screen, a partner system fetching it … */
export type AuditKind = 'viewed' | 'presented' | 'system' | 'agenda' | 'deadlines' | 'audit' | 'other';

const kinds: Record<string, AuditKind> = {
  'case.read': 'viewed',
  'case.events': 'viewed',
  'case.live-join': 'viewed',
  'case.read-presentation': 'presented',
  'feed.read': 'system',
  'webhook.event': 'system',
  'meeting.agenda': 'agenda',
  'case.time': 'deadlines',
  'audit.case': 'audit',
  'audit.query': 'audit',
};

export function auditKind(action: string): AuditKind {
  return kinds[action] ?? 'other';
}

/** One line of "who has seen my plan": one sitting's reads by one reader, of one kind and with one result. */
export interface AuditRow {
  /** The newest entry's id. */
  id: number;
  actorId: string;
  actorName: string;
  clientId: string | null;
  kind: AuditKind;
  access: string | null;
  /** How many reads the line stands for. */
  count: number;
  /** The oldest and the newest of them. */
  first: string;
  last: string;
}

/** Reads by the same reader closer together than this belong to one sitting. */
export const sittingGapMs = 30 * 60 * 1000;

/**
 * Reads (newest first) as lines for the person, newest first, leaving out the person's own. A meeting screen reads the
 * case again after every change, and several screens do so in turn, so one reader's reads of the same kind and result
 * that follow each other within half an hour, on one day, make one line even when others read in between.
 */
export function auditRows(entries: readonly AuditEntry[], except?: string): AuditRow[] {
  const rows: AuditRow[] = [];
  const open = new Map<string, AuditRow>();
  for (const e of entries) {
    if (except && e.actorId === except) continue;
    const kind = auditKind(e.action);
    const access = e.access ?? null;
    const key = JSON.stringify([e.actorId, e.clientId, kind, access]);
    const row = open.get(key);
    if (row && Date.parse(row.first) - Date.parse(e.at) <= sittingGapMs && osloDay(row.first) === osloDay(e.at)) {
      row.count++;
      row.first = e.at;
      continue;
    }
    const next: AuditRow = { id: e.id, actorId: e.actorId, actorName: e.actorName, clientId: e.clientId, kind, access, count: 1, first: e.at, last: e.at };
    rows.push(next);
    open.set(key, next);
  }
  return rows;
}

/** A line in words: who (and through which system), what they did, how much they got, when. */
export function auditWords(row: AuditRow, lang: Lang = currentLang()): { who: string; what: string; access: string | null; when: string } {
  const w = words(lang);
  const who = row.clientId ? `${row.actorName} (${w.auditVia(row.clientId)})` : row.actorName;
  const when = formatTime(row.first) === formatTime(row.last)
    ? formatDateTime(row.last, lang)
    : `${formatDateTime(row.first, lang)}–${formatTime(row.last)}`;
  return row.access === 'Refused'
    ? { who, what: w.auditRefused, access: null, when }
    : { who, what: w.auditKind[row.kind], access: row.access ? w.auditAccess[row.access] ?? null : null, when };
}

/** Why a member sees the person's health details, or that they do not. */
export type HealthReason = 'service' | 'approved' | 'none';

export interface HealthAccessRow {
  member: GroupMember;
  reason: HealthReason;
  approvedAt: string | null;
  /** Approved or in the health service, yet shown no details at all: no plan-sharing consent, and outside the correctional service. */
  seesNothing: boolean;
}

/**
 * Every active member but the person, with whether they see the health details: the health services always, others
 * when the person approved them. Health members first, then the approved, then the rest, by name.
 */
export function healthAccessRows(state: CaseState, today: string): HealthAccessRow[] {
  const sharing = state.consent?.scopes.includes('PlanSharing') ?? false;
  const order: Record<HealthReason, number> = { service: 0, approved: 1, none: 2 };
  return Object.values(state.members)
    .filter((m) => m.role !== 'Person' && m.from <= today && (!m.until || today < m.until))
    .map((member): HealthAccessRow => {
      const approval = state.healthApprovals?.[member.userId];
      const reason: HealthReason = member.agency === 'Health' ? 'service' : approval ? 'approved' : 'none';
      const correctional = member.agency === 'Prison' || member.agency === 'Friomsorg';
      return { member, reason, approvedAt: approval?.recordedAt ?? null, seesNothing: reason !== 'none' && !sharing && !correctional };
    })
    .sort((a, b) => order[a.reason] - order[b.reason] || a.member.displayName.localeCompare(b.member.displayName, 'nb'));
}
