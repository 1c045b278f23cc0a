/**
 * Command ids: every change the app sends carries one (the hub's `commandId`, REST's `Idempotency-Key`). The server
 * applies a command under an id at most once and answers it again with its first outcome, so a command whose answer
 * was lost is asked again with the same id and lands exactly once.
 */

/** Waits before asking again about a command whose outcome is unknown. */
export const unknownOutcomeDelays = [250, 1000, 2000, 4000];

/**
 * Answers after which a command is asked again with its id: its outcome is unknown (`outcome.unknown`), it certainly
 * did not happen (`cluster.unavailable`), or its first send is still being handled (`idempotency.in-progress`).
 */
const askAgainCodes = new Set(['outcome.unknown', 'cluster.unavailable', 'idempotency.in-progress']);

export function isAskAgain(code: string | undefined | null): boolean {
  return code != null && askAgainCodes.has(code);
}

/** A fresh command id. */
export function newCommandId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A command was sent but no answer came, even when asked again: it may or may not have been saved. */
export class OutcomeUnknownError extends Error {
  readonly code = 'outcome.unknown';

  constructor() {
    super('outcome.unknown');
    this.name = 'OutcomeUnknownError';
  }
}

/** The connection is down: a change is refused at once rather than queued out of sight, and a join waits for it. */
export class OfflineError extends Error {
  constructor() {
    super('connection.offline: the connection is down');
    this.name = 'OfflineError';
  }
}
