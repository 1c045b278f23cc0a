// The shapes the CaseGrid API sends (src/Contracts, camelCase JSON, enums as strings, dates yyyy-MM-dd).
// Only the fields the web app reads are typed.

export type NeedStatus = 'NotAssessed' | 'NeedIdentified' | 'InProgress' | 'Met' | 'DeclinedByPerson' | 'UnavailableCapacity';
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
  /** When the measure is an application to a partner: its kind, partner and steps with dates. */
  application?: MeasureApplication | null;
}

/** An application to a partner (domain §7): applied, decision, appeal, each with its date. */
export interface MeasureApplication { kind: string; partner: string | null; entries: { step: string; date: string | null; note: string | null; recordedById: string }[] }

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
  /** The day it must be answered by, while open (when a rule gives one). */
  answerDue?: string | null;
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

export type ConsentScope = 'PlanSharing' | 'PartnerSystems' | 'ObtainInformation';

/** The person's consent as it stands; `scopes` is empty when nothing is given (recordedById then empty too). */
export interface Consent {
  scopes: ConsentScope[];
  recordedById: string;
  recordedAt: string;
  note: string | null;
  version: number;
  /** By scope: the last day a scope given with an end date is in force. */
  ends?: Partial<Record<ConsentScope, string>>;
  /** The agencies the person does not share their plan's details with. */
  notSharedWith?: string[];
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
  /** The person's answers to plan versions, in the order recorded. */
  agreements?: Agreement[];
  /** Steps of the pathway recorded as done. */
  milestones?: Milestone[];
  /** The day the case was marked released. */
  releasedOn?: string | null;
  /** By user id: the latest key-dates version each user acknowledged. */
  dateAcknowledgements?: Record<string, { userId: string; unitId: string | null; datesVersion: number; at: string }>;
  releaseExceptions?: ReleaseException[];
  /** The first-days list, made when the case is marked released. */
  firstDays?: FirstDaysItem[];
  escalations?: Escalation[];
  /** By subject: responsibilities whose owner can no longer act (left their unit's staff, a unit the case left, prison staff after release). */
  orphans?: Record<string, OrphanFlag>;
  /** How the person left prison, when they have. */
  releaseForm?: string | null;
  updatedAt: string;
  version: number;
}

export type AgreementAnswer = 'Agree' | 'Disagree' | 'CouldNotAnswer';

export interface Agreement { planVersion: number; answer: AgreementAnswer; comment: string | null; recordedById: string; recordedAt: string }

export type MilestoneKind =
  | 'IntakeConversation' | 'NeedsConversation1' | 'NeedsConversation2' | 'MunicipalityContacted' | 'FriomsorgEngaged'
  | 'PlanReview' | 'ReleaseMeeting' | 'PostReleasePlan' | 'BenefitsDecided' | 'ExitConversation' | 'MunicipalityContactedByFriomsorg';

export interface Milestone { kind: MilestoneKind; date: string; note: string | null; recordedById: string; recordedAt: string }

export interface ReleaseException { code: string; reason: string; recordedById: string; recordedAt: string }

export interface FirstDaysItem { itemId: string; text: string; done: boolean; note: string | null; updatedById: string | null; version: number }

/** A responsibility whose owner can no longer act (domain §6), flagged until a handover or an override fixes it. */
export interface OrphanFlag { subject: string; ownerId: string; unitId: string; cause: 'StaffRemoved' | 'CaseMovedAway' | 'PersonLeftPrison'; since: string; escalationId: string | null }

export interface Escalation { escalationId: string; subject: string; reason: string; handoverId: string | null; raisedAt: string; unitId: string | null }

export type ReadinessColour = 'Green' | 'Amber' | 'Red' | 'NotAvailableCapacity';
export type DeadlineStatus = 'Upcoming' | 'DueSoon' | 'Overdue' | 'Met' | 'NotApplicable';

/** One computed deadline (`GET /cases/{id}/time`): its rule, the rule-set version and the reason in plain Norwegian. */
export interface Deadline {
  ruleId: string;
  ruleSetVersion: string;
  title: string;
  due: string | null;
  windowStart: string | null;
  status: DeadlineStatus;
  metOn: string | null;
  severity: 'Must' | 'Should';
  responsibleAgency: string;
  reason: string;
  source: string;
}

export interface ReadinessItem { code: string; title: string; colour: ReadinessColour; reason: string }

export interface ReleaseReadiness {
  active: boolean;
  activeFrom: string | null;
  release: string | null;
  overall: ReadinessColour | null;
  items: ReadinessItem[];
  reason: string;
}

/** One thing that stops the person leaving prison: a critical need area, `coordinator` or `exit-conversation`, and why. */
export interface GateItem { code: string; reason: string }

export interface CaseTimeView {
  caseVersion: number;
  today: string;
  ruleSetVersion: string;
  deadlines: Deadline[];
  readiness: ReleaseReadiness | null;
  /** What would stop the person leaving prison today, by the server's gate (absent from servers without it). */
  releaseGate?: GateItem[] | null;
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
  /** Responsibilities whose owner can no longer act, flagged until reassigned. */
  orphanedResponsibilities?: number;
  /** How the person left prison, once out. */
  releaseForm?: string | null;
}

export interface UnitCaseUpdate { caseId: string; caseVersion: number; entry: UnitCaseEntry | null }

/** A `BoardChanged` push: a line and the board's version after it. */
export interface BoardChange extends UnitCaseUpdate { boardVersion?: number }

export interface BoardJoined { unitId: string; cases: UnitCaseEntry[]; version?: number }

export interface UnitView {
  info: { unitId: string; name: string; agency: string; municipality?: string | null };
  staff: { userId: string; displayName: string; isLeader: boolean; email?: string | null }[];
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
  invitees?: string[];
  place?: string | null;
  videoLink?: string | null;
  chairId?: string | null;
  calledById?: string | null;
  invitedAt?: string | null;
  apologies?: string[];
  guests?: { guestId: string; name: string; role: string }[];
  minutesApprovedAt?: string | null;
  minutesApprovedById?: string | null;
  minutesSentTo?: string[];
}

export interface AgendaItem { version: number; actorId: string; at: string; kind: string; summary: string }

export interface Agenda { meetingId: string; fromVersion: number; toVersion: number; items: AgendaItem[] }

// Who I am, what needs me, my cases and the directory (`/api/v1/me…`, `/api/v1/directory…`, `/dev/users`).

export interface UnitRef { unitId: string; name: string; agency: string; municipality?: string | null }

export interface MyUnit extends UnitRef { isLeader: boolean }

export interface PersonCaseRef { caseId: string; personName: string }

/** `GET /api/v1/me`. */
export interface Me {
  userId: string;
  name: string;
  roles: string[];
  isAdmin: boolean;
  units: MyUnit[];
  personCases: PersonCaseRef[];
}

export type WorkKind =
  | 'HandoverOffered' | 'ProposalToAnswer' | 'DeadlineDue' | 'DeadlineMissed' | 'Escalation'
  | 'KeyDatesChanged' | 'ReleaseMovedEarlier' | 'OwnerLeftUnit' | 'ConsentToConfirm';

/** One thing that needs this user now; gone when it is done. */
export interface WorkItem {
  itemId: string;
  kind: WorkKind | string;
  caseId: string;
  personName: string;
  subject: string | null;
  subjectTitle: string | null;
  due: string | null;
  overdue: boolean;
  since: string;
  unitId: string | null;
  unitName: string | null;
  refId: string | null;
  action: string;
  detail: string | null;
}

/** `GET /api/v1/me/work`, `WorkJoined` and `WorkChanged`: the whole list with its version. */
export interface WorkList { userId: string; version: number; items: WorkItem[] }

export type CaseRelation = 'Member' | 'Current' | 'Incoming';

/** `GET /api/v1/me/cases`: a case where I am a member, or one of my units' current and incoming cases. */
export interface MyCase {
  caseId: string;
  personName: string;
  phase: string;
  relations: CaseRelation[];
  role: string | null;
  unitId: string | null;
  unitName: string | null;
  line: Partial<UnitCaseEntry> | null;
}

export interface StaffEntry { userId: string; name: string; isLeader: boolean; email?: string | null }

export interface DirectoryPerson { userId: string; name: string; units: UnitRef[] }

/** `GET /dev/users`: everyone known, for the development sign-in. */
export interface DevUser { userId: string; name: string; units: (UnitRef & { isLeader?: boolean })[]; personCases: PersonCaseRef[] }

export interface NotificationSettings { email: string | null; optOut: string[] }
