import { Fragment } from 'preact';
import { t } from '../i18n';
import type { KeyDates } from '../types';

export const emptyDates: KeyDates = { sentenceStart: null, earliestRelease: null, expectedRelease: null, endOfSentence: null, endOfSupervision: null };

export const dateKeys: (keyof KeyDates)[] = ['sentenceStart', 'earliestRelease', 'expectedRelease', 'endOfSentence', 'endOfSupervision'];

/** The dates as the API takes them: empty fields are unknown (null). */
export function datesBody(d: KeyDates): KeyDates {
  return Object.fromEntries(dateKeys.map((k) => [k, d[k] || null])) as unknown as KeyDates;
}

/** The five key dates, each its own labelled field; an empty field means "not known". `plain` under a heading that says it already. */
export function DatesFields({ prefix, dates, onChange, plain = false }: { prefix: string; dates: KeyDates; onChange: (d: KeyDates) => void; plain?: boolean }) {
  return (
    <fieldset class={plain ? 'dates plain span' : 'dates span'}>
      <legend class={plain ? 'sr-only' : undefined}>{t().keyDates}</legend>
      <p class="small">{t().keyDatesHint}</p>
      <div class="grid-form">
        {dateKeys.map((k) => (
          <Fragment key={k}>
            <label for={`${prefix}-${k}`}>{t().dateName[k]}</label>
            <input id={`${prefix}-${k}`} type="date" value={dates[k] ?? ''} onInput={(e) => onChange({ ...dates, [k]: e.currentTarget.value || null })} />
          </Fragment>
        ))}
      </div>
    </fieldset>
  );
}
