import type { CommandOutcome, DomainError } from './types';

/** An edit refused as stale: what the item says now, and the version to redo the edit against. */
export interface Conflict<T> {
  theirs: T;
  version: number;
}

/** What became of a versioned edit. */
export type SaveResult<T> =
  | { kind: 'saved'; version: number }
  | { kind: 'conflict'; conflict: Conflict<T> }
  | { kind: 'refused'; error: DomainError };

/**
 * The conflict a refusal carries, if it is `version.stale`: the item as it is now (`current`, read through
 * `pick`) and its version (`currentVersion`, else the item's own `version`, else the version tried).
 */
export function staleConflict<T>(error: DomainError | null | undefined, tried: number, pick: (current: unknown) => T): Conflict<T> | null {
  if (!error || error.code !== 'version.stale') return null;
  const current = error.current ?? null;
  const ownVersion = current && typeof current === 'object' && 'version' in current ? Number((current as { version: unknown }).version) : null;
  return { theirs: pick(current), version: error.currentVersion ?? ownVersion ?? tried };
}

/**
 * Sends an edit made against `expectedVersion`. A stale refusal comes back as the other person's value with the
 * version to redo against, so the user's own text is kept and one more call ({@link redo}) puts it on top.
 */
export async function saveVersioned<T>(
  expectedVersion: number,
  send: (expectedVersion: number) => Promise<CommandOutcome>,
  pick: (current: unknown) => T,
): Promise<SaveResult<T>> {
  const outcome = await send(expectedVersion);
  if (!outcome.error) return { kind: 'saved', version: outcome.version };
  const conflict = staleConflict(outcome.error, expectedVersion, pick);
  return conflict ? { kind: 'conflict', conflict } : { kind: 'refused', error: outcome.error };
}

/** Redo the user's edit on top of the winner's: the same edit, sent against the version the conflict named. */
export function redo<T>(conflict: Conflict<T>, send: (expectedVersion: number) => Promise<CommandOutcome>, pick: (current: unknown) => T): Promise<SaveResult<T>> {
  return saveVersioned(conflict.version, send, pick);
}

/** Reads one text field of the item a conflict carries; null when the item or field is absent (or withheld). */
export function textOf(field: string): (current: unknown) => string | null {
  return (current) => {
    if (!current || typeof current !== 'object') return null;
    const v = (current as Record<string, unknown>)[field];
    return typeof v === 'string' ? v : null;
  };
}
