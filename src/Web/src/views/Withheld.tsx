import { t } from '../i18n';

/** What the server puts in place of a withheld text (CaseRedactor.Withheld). */
export const withheldMarker = '[skjermet]';

/** A padlock drawn inline, so it shows the same on every screen whatever fonts it has. */
export function LockIcon() {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

/** A text from the case, or, where it was withheld from this reader, a padlock and the word for it in their language. */
export function Shown({ text }: { text: string }) {
  return text === withheldMarker
    ? <span class="withheld-text" data-testid="withheld-text"><LockIcon /> {t().withheldText}</span>
    : <>{text}</>;
}
