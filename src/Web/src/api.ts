import { isAskAgain, newCommandId, OutcomeUnknownError, unknownOutcomeDelays } from './commands';
import type {
  Agenda, AuditPage, CaseEventsPage, CaseState, CaseTimeView, DevUser, DirectoryPerson, Me, MyCase, NotificationSettings,
  StaffEntry, UnitRef, UnitView, WorkList,
} from './types';

/** A refusal from the REST API: the RFC 9457 problem's code and its `detail` in plain words. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly detail: string) {
    super(detail || `${status}`);
    this.name = 'ApiError';
  }
}

export class Api {
  constructor(private readonly token: () => string) {}

  getCase(caseId: string): Promise<CaseState> {
    return this.send<CaseState>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
  }

  /** Presentation mode: the case with only what every active member of the group may see. */
  getPresentation(caseId: string): Promise<CaseState> {
    return this.send<CaseState>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}?view=presentation`);
  }

  /** Who has seen the plan: reads of the case, newest first; `before` pages to older ones. */
  getAudit(caseId: string, before?: number | null): Promise<AuditPage> {
    const page = before ? `?before=${before}` : '';
    return this.send<AuditPage>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/audit${page}`);
  }

  /** A meeting's agenda: the changes to the case since the previous meeting closed. */
  getAgenda(caseId: string, meetingId: string): Promise<Agenda> {
    return this.send<Agenda>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/meetings/${encodeURIComponent(meetingId)}/agenda`);
  }

  getEvents(caseId: string, after: number): Promise<CaseEventsPage> {
    return this.send<CaseEventsPage>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/events?after=${after}&max=1000`);
  }

  getUnit(unitId: string): Promise<UnitView> {
    return this.send<UnitView>('GET', `/api/v1/units/${encodeURIComponent(unitId)}`);
  }

  /**
   * A command through its REST route, e.g. `handovers/{id}/accept`, under an Idempotency-Key of its own. When the
   * answer says its outcome is unknown (504), that it certainly did not happen (503), or that its first send is still
   * being handled, or the request fails on the way, it is sent again with the same key — which the server applies at
   * most once — after 0.25, 1, 2 and 4 s; if there is still no outcome, {@link OutcomeUnknownError}.
   */
  command(caseId: string, path: string, body?: object, method = 'POST'): Promise<unknown> {
    const url = `/api/v1/cases/${encodeURIComponent(caseId)}/${path}`;
    return this.askedAgain((extra) => this.send(method, url, body, extra));
  }

  /** Send under an Idempotency-Key of its own, and again with the same key while the outcome is unknown (see {@link command}). */
  private async askedAgain<T>(send: (extra: Record<string, string>) => Promise<T>): Promise<T> {
    const extra = { 'Idempotency-Key': newCommandId() };
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(extra);
      } catch (e) {
        if (e instanceof ApiError && !isAskAgain(e.code)) throw e;
        if (attempt >= unknownOutcomeDelays.length) throw new OutcomeUnknownError();
        await new Promise((r) => setTimeout(r, unknownOutcomeDelays[attempt]));
      }
    }
  }

  /** The rule sets known and the version in force today. */
  ruleSets(): Promise<unknown> {
    return this.send('GET', '/api/v1/rule-sets');
  }

  /** One rule set's document, the shape a draft takes. */
  ruleSet(version: string): Promise<Record<string, unknown>> {
    return this.send('GET', `/api/v1/rule-sets/${encodeURIComponent(version)}`);
  }

  /** Start a dry run of a draft rule set against every case (national administrators). */
  startDryRun(body: { document: unknown; effectiveFrom: string; note: string | null }): Promise<unknown> {
    return this.send('POST', '/api/v1/rule-sets/dry-runs', body);
  }

  /** A dry run as it stands. */
  dryRun(dryRunId: string): Promise<unknown> {
    return this.send('GET', `/api/v1/rule-sets/dry-runs/${encodeURIComponent(dryRunId)}`);
  }

  /** Publish the draft of a finished dry run. */
  publishRuleSet(dryRunId: string): Promise<unknown> {
    return this.send('POST', '/api/v1/rule-sets', { dryRunId });
  }

  /** Deadlines (with rule and reason) and release readiness as of today. Every read is audited. */
  getTime(caseId: string): Promise<CaseTimeView> {
    return this.send<CaseTimeView>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/time`);
  }

  /** Open a case at one of my units; answers with the new case's id. Its key names the case, so a retry opens it once. */
  async openCase(body: object): Promise<string> {
    const r = await this.askedAgain((extra) => this.sendWithLocation('POST', '/api/v1/cases', body, extra));
    const id = /\/cases\/([^/?#]+)/.exec(r ?? '')?.[1];
    if (!id) throw new ApiError(500, '', 'no case id');
    return decodeURIComponent(id);
  }

  getMe(): Promise<Me> {
    return this.send<Me>('GET', '/api/v1/me');
  }

  getWork(): Promise<WorkList> {
    return this.send<WorkList>('GET', '/api/v1/me/work');
  }

  /** My cases, sorted by expected release; `q` matches the person's name. */
  getMyCases(q = ''): Promise<MyCase[]> {
    return this.send<MyCase[]>('GET', `/api/v1/me/cases${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
  }

  getNotifications(): Promise<NotificationSettings> {
    return this.send<NotificationSettings>('GET', '/api/v1/me/notifications');
  }

  putNotifications(settings: NotificationSettings): Promise<NotificationSettings> {
    return this.send<NotificationSettings>('PUT', '/api/v1/me/notifications', settings);
  }

  /** Units by kind, municipality and part of the name. */
  directoryUnits(filter: { agency?: string; municipality?: string; q?: string } = {}): Promise<UnitRef[]> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
    const query = q.toString();
    return this.send<UnitRef[]>('GET', `/api/v1/directory/units${query ? `?${query}` : ''}`);
  }

  directoryStaff(unitId: string): Promise<StaffEntry[]> {
    return this.send<StaffEntry[]>('GET', `/api/v1/directory/units/${encodeURIComponent(unitId)}/staff`);
  }

  directoryPeople(q: string): Promise<DirectoryPerson[]> {
    return this.send<DirectoryPerson[]>('GET', `/api/v1/directory/people?q=${encodeURIComponent(q)}`);
  }

  /** Define or rename a unit (administrators). */
  defineUnit(unitId: string, body: { name: string; agency: string; municipality: string | null }): Promise<unknown> {
    return this.send('PUT', `/api/v1/units/${encodeURIComponent(unitId)}`, body);
  }

  /** Add or change a staff member (administrators and the unit's leaders). */
  setStaff(unitId: string, userId: string, body: { displayName: string; isLeader: boolean; email: string | null }): Promise<UnitView> {
    return this.send<UnitView>('PUT', `/api/v1/units/${encodeURIComponent(unitId)}/staff/${encodeURIComponent(userId)}`, body);
  }

  removeStaff(unitId: string, userId: string): Promise<unknown> {
    return this.send('DELETE', `/api/v1/units/${encodeURIComponent(unitId)}/staff/${encodeURIComponent(userId)}`);
  }

  private async send<T>(method: string, url: string, body?: object, extra?: Record<string, string>): Promise<T> {
    const res = await this.fetch(method, url, body, extra);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async sendWithLocation(method: string, url: string, body?: object, extra?: Record<string, string>): Promise<string | null> {
    const res = await this.fetch(method, url, body, extra);
    return res.headers.get('Location');
  }

  private async fetch(method: string, url: string, body?: object, extra?: Record<string, string>): Promise<Response> {
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${this.token()}`,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...extra,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw await problemOf(res);
    return res;
  }
}

/** `GET /dev/users` (anonymous, only where the development issuer runs): the people the sign-in page offers. */
export async function fetchDevUsers(): Promise<DevUser[]> {
  const res = await fetch('/dev/users', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as DevUser[];
}

async function problemOf(res: Response): Promise<ApiError> {
  try {
    const p = (await res.json()) as { detail?: string; title?: string; code?: string; type?: string };
    return new ApiError(res.status, p.code ?? p.type ?? '', p.detail ?? p.title ?? `${res.status}`);
  } catch {
    return new ApiError(res.status, '', `${res.status} ${res.statusText}`);
  }
}

/**
 * A hub refusal arrives as "code: detail" inside SignalR's error text ("An unexpected error occurred invoking 'X' on
 * the server. HubException: unit.not-staff: Only …"), possibly with its kind before the code ("Forbidden
 * unit.not-staff: …", "[Forbidden] unit.not-staff: …"), or as an object with `code` and `detail`. The code is the
 * first dotted lower-case word followed by a colon.
 */
export function hubRefusal(e: unknown): { code: string; detail: string } {
  if (e && typeof e === 'object' && !(e instanceof Error) && 'code' in e) {
    const o = e as { code?: unknown; detail?: unknown; message?: unknown };
    return { code: String(o.code ?? ''), detail: String(o.detail ?? o.message ?? '') };
  }
  const text = e instanceof Error ? e.message : String(e);
  const tail = /HubException:\s*(.*)$/s.exec(text)?.[1] ?? text;
  if (tail.trimStart().startsWith('{')) {
    try {
      const o = JSON.parse(tail) as { code?: unknown; detail?: unknown };
      if (typeof o.code === 'string') return { code: o.code, detail: String(o.detail ?? '') };
    } catch {
      /* not JSON after all: read it as text */
    }
  }
  const m = /(?:^|[\s[(])([a-z][a-z0-9]*(?:\.[a-z0-9][a-z0-9-]*)+)\]?:\s*(.*)$/s.exec(tail);
  return m ? { code: m[1], detail: m[2].trim() } : { code: '', detail: tail.trim() };
}
