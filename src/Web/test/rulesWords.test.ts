import { describe, expect, it } from 'vitest';
import { refusalsEn, refusalsNb } from '../src/refusals';
import { rw } from '../src/rulesWords';

describe('the words of leaving prison and after', () => {
  it('name why an owner can no longer act, in plain Norwegian', () => {
    expect(rw().orphanCause('StaffRemoved', 'Tone Berg', 'Bergen kommune')).toBe('Tone Berg jobber ikke lenger ved Bergen kommune');
    expect(rw().orphanCause('PersonLeftPrison', 'Kari Nilsen', 'Bergen fengsel')).toBe('Kari Nilsen er i fengselet, og personen er ute');
    expect(rw().releaseForm('Parole')).toBe('prøveløslatelse');
  });

  it('have words in both languages for every refusal of the release gate, meetings, applications and finer consent', () => {
    for (const code of ['release.not-ready', 'meeting.next-not-booked', 'meeting.not-chair', 'application.invalid-step', 'consent.obtain-information',
      'consent.widen-not-person', 'consent.until-past', 'owner.cannot-act', 'measure.before-needs-conversation']) {
      expect(refusalsNb[code], code).toBeTruthy();
      expect(refusalsEn[code], code).toBeTruthy();
    }
  });
});
