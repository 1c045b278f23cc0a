// The shapes the CaseGrid API sends (src/Contracts, camelCase JSON, enums as strings, dates yyyy-MM-dd).
// Only the fields the web app reads are typed.

export type NeedStatus = 'NotAssessed' | 'NeedIdentified' | 'InProgress' | 'Met' | 'DeclinedByPerson';
export type MeasureStatus = 'Proposed' | 'ChosenByPerson' | 'AcceptedByOwner' | 'Started' | 'Delivered' | 'Cancelled';
export type ProposalStatus = 'Open' | 'Adopted' | 'Rejected';
export type HandoverStatus = 'Offered' | 'Accepted' | 'Completed' | 'Declined' | 'Withdrawn';
export type PresenceMode = 'Viewing' | 'InRoom' | 'Remote';

export interface NeedArea {
  code: string;
  status: NeedStatus;
  ownWords: string | null;
  assessment: string | null;
  accountableOwnerId: string | null;
  supportingOwnerIds: string[];
  version: number;
}

export interface Goal { goalId: string; needCode: string; text: string; achieved: boolean; version: number }

export interface Measure {
  measureId: string;
  needCodes: string[];
  what: string;
  why: string | null;
  ownerId: string;
  due: string | null;
  requirements: string | null;
  status: MeasureStatus;
  statusNote: string | null;
  version: number;
}

export interface Proposal {
  proposalId: string;
  authorId: string;
  needCode: string | null;
  text: string;
  status: ProposalStatus;
  answer: string | null;
  answeredById: string | null;
  measureId: string | null;
  submittedAt: string;
  version: number;
}

export interface Handover {
  handoverId: string;
  subject: string;
  fromUserId: string;
  toUnitId: string;
  toUserId: string | null;
  plannedDate: string;
  note: string | null;
  status: HandoverStatus;
  offeredAt: string;
  acceptedById: string | null;
  acceptedAt: string | null;
  overlapMet: boolean;
  closedAt: string | null;
  reason: string | null;
  version: number;
}

export interface GroupMember {
  userId: string;
  displayName: string;
  role: string;
  agency: string;
  unitId: string | null;
  from: string;
  until: string | null;
  deputyUserId: string | null;
  version: number;
}

export interface KeyDates {
  sentenceStart: string | null;
  earliestRelease: string | null;
  expectedRelease: string | null;
  endOfSentence: string | null;
  endOfSupervision: string | null;
}

export type ConsentScope = 'PlanSharing' | 'PartnerSystems';

/** The person's consent as it stands; `scopes` is empty when nothing is given (recordedById then empty too). */
export interface Consent {
  scopes: ConsentScope[];
  recordedById: string;
  recordedAt: string;
  note: string | null;
  version: number;
}

/** The person approved that a member outside the health services sees their health details. */
export interface HealthApproval { userId: string; recordedById: string; recordedAt: string }

/**
 * Consent, or an approval of who sees health details, that someone recorded on the person's word: it waits for the
 * person's confirmation (or a second member's) before it takes effect.
 */
export interface PrivacyRequest {
  requestId: string;
  kind: 'Consent' | 'HealthAccess';
  /** For consent: the scopes asked for. */
  scopes: ConsentScope[];
  /** For a health-details approval: the member who would see them. */
  userId: string | null;
  recordedById: string;
  recordedAt: string;
  note: string | null;
  version: number;
}

/** How much a read got: the case's detail access, `Member` for reads without plan details, or `Refused`. */
export type AuditAccess = 'Full' | 'HealthWithheld' | 'DetailsWithheld' | 'Member' | 'Refused';

/** One read on record (`GET /api/v1/cases/{caseId}/audit`), newest first. */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: string;
  actorName: string;
  /** The partner system used, when not CaseGrid's web app. */
  clientId: string | null;
  caseId: string | null;
  action: string;
  detail: string | null;
  access: AuditAccess | string | null;
}

export interface AuditPage { entries: AuditEntry[]; next: number | null }

export interface CaseState {
  caseId: string;
  groupId: string;
  person: { pseudonymId: string; displayName: string };
  phase: string;
  currentUnitId: string;
  home: { registeredUnitId: string | null; intendedUnitId: string | null; disputed: boolean };
  dates: KeyDates;
  datesVersion: number;
  coordinatorId: string;
  members: Record<string, GroupMember>;
  needAreas: Record<string, NeedArea>;
  /** Need areas whose details were withheld from this reader (health details, or no plan-sharing consent). */
  withheldAreas?: string[];
  consent?: Consent;
  healthApprovals?: Record<string, HealthApproval>;
  /** What waits for the person's confirmation, by request id. */
  privacyRequests?: Record<string, PrivacyRequest>;
  goals: Record<string, Goal>;
  measures: Record<string, Measure>;
  proposals: Record<string, Proposal>;
  handovers: Record<string, Handover>;
  /** The group's meetings (absent in older reads and test fixtures). */
  meetings?: Record<string, Meeting>;
  updatedAt: string;
  version: number;
}

/** One event of a case's log, as pushed by `CaseEvents` and returned by `GET .../events`. */
export interface CaseEventRecord {
  caseId: string;
  version: number;
  actorId: string;
  clientId: string | null;
  occurredAt: string;
  event: { type: string; [key: string]: unknown };
}

export interface CaseEventsPage { caseId: string; currentVersion: number; events: CaseEventRecord[] }

export interface PresenceEntry {
  connectionId: string;
  userId: string;
  displayName: string;
  mode: PresenceMode;
  editingField: string | null;
  lastSeen: string;
}

export interface FieldLock { field: string; userId: string; displayName: string; expiresAt: string }

export interface CasePresence { entries: PresenceEntry[]; locks: FieldLock[] }

export interface CaseJoined {
  caseId: string;
  currentVersion: number;
  events: CaseEventRecord[];
  complete: boolean;
  presence: CasePresence;
}

export interface DomainError {
  kind: string;
  code: string;
  detail: string;
  currentVersion?: number | null;
  current?: unknown;
}

export interface CommandOutcome { version: number; events: CaseEventRecord[]; error: DomainError | null }

export interface FieldLockResult { granted: boolean; lock: FieldLock | null; error: DomainError | null }

export interface UnitCaseEntry {
  caseId: string;
  personDisplayName: string;
  phase: string;
  relation: 'Current' | 'Incoming';
  expectedRelease: string | null;
  handoversAwaitingUnit: number;
  caseVersion: number;
  /** Release readiness, the worst item; null before release − 8 weeks. */
  readiness?: 'Green' | 'Amber' | 'Red' | 'NotAvailableCapacity' | null;
  overdueDeadlines?: number;
  nextDeadline?: string | null;
  nextDeadlineTitle?: string | null;
  unownedAfterRelease?: number;
  endOfSupervision?: string | null;
  answerDue?: string | null;
}

export interface UnitCaseUpdate { caseId: string; caseVersion: number; entry: UnitCaseEntry | null }

export interface BoardJoined { unitId: string; cases: UnitCaseEntry[] }

export interface UnitView {
  info: { unitId: string; name: string; agency: string };
  staff: { userId: string; displayName: string; isLeader: boolean }[];
}

export type MeetingStatus = 'Scheduled' | 'Open' | 'Closed' | 'Cancelled';
export type Attendance = 'Physical' | 'Digital';

/** A meeting of the ansvarsgruppe (src/Contracts/Meetings/Meeting.cs). */
export interface Meeting {
  meetingId: string;
  scheduledFor: string;
  title: string;
  status: MeetingStatus;
  agendaFromVersion: number;
  attendees: { userId: string; attendance: Attendance }[];
  minutes: string | null;
  /** The version an edit of the minutes is made against. */
  minutesVersion: number;
  decisions: { decisionId: string; text: string; measureId: string }[];
  openedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface AgendaItem { version: number; actorId: string; at: string; kind: string; summary: string }

export interface Agenda { meetingId: string; fromVersion: number; toVersion: number; items: AgendaItem[] }
