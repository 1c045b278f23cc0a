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
    expect(refusalText(new ApiError(422, 'handover.subject-unknown', "'x' is not a subject."))).toBe("'x' is not a subject.");
    expect(refusalText({ kind: 'BadRequest', code: '', detail: 'Bad input.' })).toBe('Bad input.');
  });

  it('says an edit tried offline was not saved', () => {
    expect(refusalText(new OfflineError())).toMatch(/^Du er frakoblet/);
  });
});
