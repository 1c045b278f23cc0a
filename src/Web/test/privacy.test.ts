import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../src/i18n';
import { auditKind, auditRows, auditWords, consentSummary, healthAccessRows } from '../src/privacy';
import type { AuditEntry, CaseState, Consent, GroupMember } from '../src/types';
import { caseAt } from './helpers';

const consent = (...scopes: Consent['scopes']): Consent => ({ scopes, recordedById: 'u-ola', recordedAt: '2026-11-23T10:00:00Z', note: null, version: 3 });

describe('consentSummary', () => {
  it('names each scope with a tick or a cross', () => {
    expect(consentSummary(consent('PlanSharing', 'PartnerSystems'), 'nb')).toBe('deling i gruppa ✓, fagsystemer ✓, innhenting ✗');
    expect(consentSummary(consent('PlanSharing'), 'nb')).toBe('deling i gruppa ✓, fagsystemer ✗, innhenting ✗');
    expect(consentSummary(consent('PlanSharing', 'PartnerSystems'), 'en')).toBe('sharing in the group ✓, agency systems ✓, obtaining ✗');
    expect(consentSummary(consent('PlanSharing', 'ObtainInformation'), 'nb')).toBe('deling i gruppa ✓, fagsystemer ✗, innhenting ✓');
  });

  it('says the details are withheld when the group may not share the plan', () => {
    expect(consentSummary(consent('PartnerSystems'), 'nb')).toBe('deling i gruppa ✗, fagsystemer ✓, innhenting ✗ – detaljer er skjermet');
    expect(consentSummary(consent(), 'nb')).toBe('Ingen samtykke til deling – detaljer er skjermet');
    expect(consentSummary(undefined, 'en')).toBe('No consent to sharing – details are withheld');
  });
});

let nextId = 100;
function entry(actorId: string, at: string, action = 'case.read', access: string | null = 'HealthWithheld', clientId: string | null = null): AuditEntry {
  const names: Record<string, string> = { 'u-nora': 'Nora Lie', 'u-kari': 'Kari Nilsen', 'u-ola': 'Ola Nordmann', 'system:nav-fag': 'NAV fagsystem' };
  return { id: nextId--, at, actorId, actorName: names[actorId] ?? actorId, clientId, caseId: 'case-1', action, detail: null, access };
}

describe('auditKind', () => {
  it('puts the reads of the plan under one plain kind and keeps the others apart', () => {
    expect(['case.read', 'case.events', 'case.live-join'].map(auditKind)).toEqual(['viewed', 'viewed', 'viewed']);
    expect(auditKind('case.read-presentation')).toBe('presented');
    expect(auditKind('feed.read')).toBe('system');
    expect(auditKind('webhook.event')).toBe('system');
    expect(auditKind('meeting.agenda')).toBe('agenda');
    expect(auditKind('case.time')).toBe('deadlines');
    expect(auditKind('audit.case')).toBe('audit');
    expect(auditKind('something.new')).toBe('other');
  });
});

describe('auditRows', () => {
  it("joins one member's reads in a row into one line, oldest to newest, and leaves out the person's own", () => {
    const rows = auditRows([
      entry('u-ola', '2026-11-23T16:40:00Z', 'audit.case', null),
      entry('u-nora', '2026-11-23T16:30:00Z', 'case.read'),
      entry('u-nora', '2026-11-23T16:28:05Z', 'case.live-join'),
      entry('u-ola', '2026-11-23T16:28:03Z', 'case.read', 'Full'),
      entry('u-nora', '2026-11-23T16:28:00Z', 'case.read'),
      entry('u-kari', '2026-11-23T15:00:00Z', 'case.read'),
    ], 'u-ola');
    expect(rows.map((r) => [r.actorId, r.count, r.first, r.last])).toEqual([
      ['u-nora', 3, '2026-11-23T16:28:00Z', '2026-11-23T16:30:00Z'],
      ['u-kari', 1, '2026-11-23T15:00:00Z', '2026-11-23T15:00:00Z'],
    ]);
  });

  it("joins one reader's sitting even when others read in between, as screens in one meeting do", () => {
    const rows = auditRows([
      entry('u-kari', '2026-11-23T16:30:00Z'),
      entry('u-ingrid', '2026-11-23T16:29:00Z'),
      entry('u-kari', '2026-11-23T16:28:00Z', 'case.live-join'),
      entry('u-ingrid', '2026-11-23T16:27:00Z', 'case.live-join'),
      entry('u-kari', '2026-11-23T16:05:00Z'),
    ]);
    expect(rows.map((r) => [r.actorId, r.count, r.first, r.last])).toEqual([
      ['u-kari', 3, '2026-11-23T16:05:00Z', '2026-11-23T16:30:00Z'],
      ['u-ingrid', 2, '2026-11-23T16:27:00Z', '2026-11-23T16:29:00Z'],
    ]);
  });

  it('keeps reads apart more than half an hour apart, with another result or kind, or on another day', () => {
    const rows = auditRows([
      entry('u-nora', '2026-11-24T08:00:00Z'),
      entry('u-nora', '2026-11-23T22:50:00Z'), // 23:50 in Oslo: the day before
      entry('u-nora', '2026-11-23T22:10:00Z'), // 40 minutes before that
      entry('u-nora', '2026-11-23T22:09:00Z', 'case.read', 'Full'),
      entry('u-nora', '2026-11-23T22:08:00Z', 'case.read-presentation'),
    ]);
    expect(rows.map((r) => r.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it("makes a partner system's fetches and deliveries in one sitting one line", () => {
    const rows = auditRows([
      entry('system:nav-fag', '2026-11-23T16:00:00Z', 'feed.read', 'HealthWithheld', 'nav-fag'),
      entry('system:nav-fag', '2026-11-23T15:50:00Z', 'webhook.event', 'HealthWithheld', 'nav-fag'),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'system', clientId: 'nav-fag', count: 2 });
  });
});

describe('auditWords', () => {
  it('says who, through which system, what they did, how much they got and when, in Norwegian time', () => {
    const [row] = auditRows([entry('system:nav-fag', '2026-11-23T16:05:00Z', 'feed.read', 'HealthWithheld', 'nav-fag')]);
    expect(auditWords(row, 'nb')).toEqual({
      who: 'NAV fagsystem (via fagsystemet nav-fag)',
      what: 'hentet planen til fagsystemet sitt',
      access: 'Helseopplysningene var skjult.',
      when: '23. nov. 2026 kl. 17:05',
    });
  });

  it('gives a span of time for a joined line, and no access words for reads without plan details', () => {
    const [row] = auditRows([
      entry('u-kari', '2026-11-23T16:30:00Z', 'meeting.agenda', 'Member'),
      entry('u-kari', '2026-11-23T16:05:00Z', 'meeting.agenda', 'Member'),
    ]);
    const words = auditWords(row, 'en');
    expect(words.when).toBe(`${formatDateTime('2026-11-23T16:05:00Z', 'en')}–17:30`);
    expect(words.what).toBe('looked at a meeting agenda');
    expect(words.access).toBeNull();
    const refused = auditWords(auditRows([entry('u-sofie', '2026-11-23T16:05:00Z', 'case.read', 'Refused')])[0], 'nb');
    expect(refused).toMatchObject({ what: 'prøvde å åpne planen din, men fikk ikke lov', access: null });
    const sameMinute = auditRows([entry('u-nora', '2026-11-23T16:05:40Z'), entry('u-nora', '2026-11-23T16:05:01Z')]);
    expect(sameMinute[0].count).toBe(2);
    expect(auditWords(sameMinute[0], 'nb').when).toBe('23. nov. 2026 kl. 17:05');
  });
});

function member(userId: string, displayName: string, agency: string, extra: Partial<GroupMember> = {}): GroupMember {
  return { userId, displayName, role: agency === 'Person' ? 'Person' : 'Other', agency, unitId: null, from: '2026-01-01', until: null, deputyUserId: null, version: 1, ...extra };
}

function groupCase(scopes: Consent['scopes'], approved: string[] = []): CaseState {
  const members = [
    member('u-ola', 'Ola Nordmann', 'Person'),
    member('u-nora', 'Nora Lie', 'Nav'),
    member('u-kari', 'Kari Nilsen', 'Prison'),
    member('u-hilde', 'Hilde Sørensen', 'Health'),
    member('u-ingrid', 'Ingrid Dahl', 'Municipality'),
    member('u-gone', 'Gunnar Gått', 'Nav', { until: '2026-06-01' }),
  ];
  return {
    ...caseAt(20),
    members: Object.fromEntries(members.map((m) => [m.userId, m])),
    consent: consent(...scopes),
    healthApprovals: Object.fromEntries(approved.map((u) => [u, { userId: u, recordedById: 'u-ola', recordedAt: '2026-11-20T09:00:00Z' }])),
  };
}

describe('healthAccessRows', () => {
  it('lists the health services first, then those the person approved, then the rest; not the person, not those who left', () => {
    const rows = healthAccessRows(groupCase(['PlanSharing'], ['u-nora']), '2026-11-23');
    expect(rows.map((r) => [r.member.userId, r.reason])).toEqual([
      ['u-hilde', 'service'], ['u-nora', 'approved'], ['u-ingrid', 'none'], ['u-kari', 'none'],
    ]);
    expect(rows.find((r) => r.member.userId === 'u-nora')?.approvedAt).toBe('2026-11-20T09:00:00Z');
    expect(rows.some((r) => r.seesNothing)).toBe(false);
  });

  it('says an approved member outside the correctional service sees nothing while the plan may not be shared', () => {
    const rows = healthAccessRows(groupCase(['PartnerSystems'], ['u-nora', 'u-kari']), '2026-11-23');
    const by = Object.fromEntries(rows.map((r) => [r.member.userId, r.seesNothing]));
    expect(by).toEqual({ 'u-hilde': true, 'u-nora': true, 'u-kari': false, 'u-ingrid': false });
  });

  it('counts a member as gone from the day they left', () => {
    expect(healthAccessRows(groupCase(['PlanSharing']), '2026-05-31').some((r) => r.member.userId === 'u-gone')).toBe(true);
    expect(healthAccessRows(groupCase(['PlanSharing']), '2026-06-01').some((r) => r.member.userId === 'u-gone')).toBe(false);
  });
});
