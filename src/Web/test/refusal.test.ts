import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import { OfflineError } from '../src/live';
import { refusalText } from '../src/views/refusal';

describe('refusalText', () => {
  it('says a known refusal code in plain Norwegian, from a REST problem, a hub outcome or a hub exception', () => {
    expect(refusalText(new ApiError(409, 'handover.no-overlap', 'The receiver has not yet taken part…'))).toMatch(/^Mottakeren har ikke vært med/);
    expect(refusalText({ kind: 'Conflict', code: 'version.stale', detail: 'stale' })).toMatch(/^Noen andre endret dette samtidig/);
    expect(refusalText(new Error('An unexpected error occurred invoking \'Execute\' on the server. HubException: case.not-member: Not a member.')))
      .toBe('Du er ikke med i ansvarsgruppa for denne saken.');
  });

  it("falls back to the server's detail for a code it has no words for", () => {
    expect(refusalText(new ApiError(409, 'webhook.limit', 'A system has at most 10 subscriptions.'))).toBe('A system has at most 10 subscriptions.');
    expect(refusalText({ kind: 'BadRequest', code: '', detail: 'Bad input.' })).toBe('Bad input.');
  });

  it('finds the code in a hub error however it is wrapped: with its kind, in brackets, or as JSON', () => {
    const wrap = (inner: string) => new Error(`An unexpected error occurred invoking 'JoinBoard' on the server. HubException: ${inner}`);
    const words = 'Du jobber ikke ved denne enheten, så du kan ikke se tavla eller sakene dens.';
    expect(refusalText(wrap("unit.not-staff: Only the unit's staff see its board."))).toBe(words);
    expect(refusalText(wrap("Forbidden unit.not-staff: Only the unit's staff see its board."))).toBe(words);
    expect(refusalText(wrap("[Forbidden] unit.not-staff: Only the unit's staff see its board."))).toBe(words);
    expect(refusalText(wrap('{"kind":"Forbidden","code":"unit.not-staff","detail":"Only staff."}'))).toBe(words);
    expect(refusalText(new Error("unit.not-staff: Only the unit's staff see its board."))).toBe(words);
    expect(refusalText({ code: 'unit.not-staff', detail: 'x', kind: 'Forbidden' })).toBe(words);
  });

  it('never shows a raw English error for a hub failure it cannot read, a lost network or a server fault', () => {
    expect(refusalText(new TypeError('Failed to fetch'))).toMatch(/^Fikk ikke kontakt med CaseGrid/);
    expect(refusalText(new ApiError(500, '', '500 Internal Server Error'))).toMatch(/^Noe gikk galt hos CaseGrid/);
  });

  it('has words in both languages for every code it knows', async () => {
    const { refusalsEn, refusalsNb } = await import('../src/refusals');
    expect(Object.keys(refusalsEn).sort()).toEqual(Object.keys(refusalsNb).sort());
  });

  it('says an edit tried offline was not saved', () => {
    expect(refusalText(new OfflineError())).toMatch(/^Du er frakoblet/);
  });
});
