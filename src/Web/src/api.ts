import { isAskAgain, newCommandId, OutcomeUnknownError, unknownOutcomeDelays } from './commands';
import type { Agenda, AuditPage, CaseEventsPage, CaseState, UnitView } from './types';

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
  async command(caseId: string, path: string, body?: object, method = 'POST'): Promise<unknown> {
    const key = newCommandId();
    const url = `/api/v1/cases/${encodeURIComponent(caseId)}/${path}`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(method, url, body, { 'Idempotency-Key': key });
      } catch (e) {
        if (e instanceof ApiError && !isAskAgain(e.code)) throw e;
        if (attempt >= unknownOutcomeDelays.length) throw new OutcomeUnknownError();
        await new Promise((r) => setTimeout(r, unknownOutcomeDelays[attempt]));
      }
    }
  }

  private async send<T>(method: string, url: string, body?: object, extra?: Record<string, string>): Promise<T> {
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
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

async function problemOf(res: Response): Promise<ApiError> {
  try {
    const p = (await res.json()) as { detail?: string; title?: string; code?: string; type?: string };
    return new ApiError(res.status, p.code ?? p.type ?? '', p.detail ?? p.title ?? `${res.status}`);
  } catch {
    return new ApiError(res.status, '', `${res.status} ${res.statusText}`);
  }
}

/** A hub refusal arrives as "code: detail" inside SignalR's error text. */
export function hubRefusal(e: unknown): { code: string; detail: string } {
  const text = e instanceof Error ? e.message : String(e);
  const m = /HubException: ([a-z.-]+): (.*)$/s.exec(text) ?? /^([a-z.-]+): (.*)$/s.exec(text);
  return m ? { code: m[1], detail: m[2] } : { code: '', detail: text };
}
