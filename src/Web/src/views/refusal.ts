import { ApiError, hubRefusal } from '../api';
import { refusalWords, t } from '../i18n';
import { OfflineError, OutcomeUnknownError } from '../live';
import type { DomainError } from '../types';

/**
 * Turns a refusal (hub outcome, hub exception, REST problem, offline) into one plain sentence: the words for its
 * `code` where the interface has them, else the server's own detail text. A request that never reached CaseGrid, or
 * a server failure without a code, is said in plain words too.
 */
export function refusalText(e: unknown): string {
  if (e instanceof OfflineError) return t().offlineRefused;
  if (e instanceof OutcomeUnknownError) return refusalWords(e.code) ?? e.message;
  if (e instanceof TypeError) return t().networkError;
  if (e instanceof ApiError && !e.code && e.status >= 500) return t().serverError;
  const { code, detail } = e instanceof ApiError
    ? { code: e.code, detail: e.detail }
    : e && typeof e === 'object' && 'detail' in e
      ? { code: String((e as DomainError).code ?? ''), detail: String((e as DomainError).detail) }
      : hubRefusal(e);
  return refusalWords(code) ?? detail;
}
