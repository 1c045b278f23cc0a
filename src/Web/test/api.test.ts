import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Api, ApiError } from '../src/api';
import { OutcomeUnknownError } from '../src/commands';

function problem(status: number, code: string): Response {
  return new Response(JSON.stringify({ status, code, detail: code }), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

function ok(body: object): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('Api.command', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function keysOf(fetch: ReturnType<typeof vi.fn>): string[] {
    return fetch.mock.calls.map((c) => (c[1] as RequestInit & { headers: Record<string, string> }).headers['Idempotency-Key']);
  }

  it('sends a command again with the same Idempotency-Key after "outcome unknown", a lost answer or "not done", and returns the outcome', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(problem(504, 'outcome.unknown'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(problem(503, 'cluster.unavailable'))
      .mockResolvedValueOnce(ok({ version: 7, events: [] }));
    vi.stubGlobal('fetch', fetch);

    const answer = new Api(() => 't').command('case-1', 'handovers', { subject: 'housing' });
    await vi.runAllTimersAsync();

    expect(await answer).toEqual({ version: 7, events: [] });
    const keys = keysOf(fetch);
    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(/.{8,}/);
    expect(new Set(keys).size).toBe(1);
  });

  it('gives each command a key of its own, does not send a refusal again, and says plainly when the outcome stays unknown', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(problem(409, 'handover.no-overlap'));
    vi.stubGlobal('fetch', fetch);
    const api = new Api(() => 't');

    await expect(api.command('case-1', 'handovers/h-1/complete')).rejects.toMatchObject({ code: 'handover.no-overlap' } satisfies Partial<ApiError>);
    expect(fetch).toHaveBeenCalledTimes(1);

    fetch.mockReset();
    fetch.mockImplementation(async () => problem(504, 'outcome.unknown'));
    const unknown = api.command('case-1', 'handovers/h-1/complete');
    const seen = expect(unknown).rejects.toBeInstanceOf(OutcomeUnknownError);
    await vi.runAllTimersAsync();
    await seen;
    expect(fetch).toHaveBeenCalledTimes(5);
    expect(new Set(keysOf(fetch)).size).toBe(1);
  });
});
