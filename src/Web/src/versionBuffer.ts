import type { CaseEventRecord } from './types';

/**
 * Rule 2 and 3 of docs/realtime.md: hold incoming events by version, hand them out strictly in order and once,
 * drop duplicates, and tell when a gap is waiting to be filled.
 */
export class VersionBuffer {
  private readonly pending = new Map<number, CaseEventRecord>();

  constructor(private last = 0) {}

  /** The highest version applied. */
  get lastVersion(): number {
    return this.last;
  }

  /** True when a later event is held while the next one (lastVersion + 1) is missing. */
  get hasGap(): boolean {
    return this.pending.size > 0;
  }

  /** The lowest version held beyond a gap, if any. */
  get firstPending(): number | undefined {
    let min: number | undefined;
    for (const v of this.pending.keys()) if (min === undefined || v < min) min = v;
    return min;
  }

  /** Take in events (any order, duplicates allowed); returns those now applicable, in version order. */
  offer(events: readonly CaseEventRecord[]): CaseEventRecord[] {
    for (const e of events) {
      if (e.version > this.last && !this.pending.has(e.version)) this.pending.set(e.version, e);
    }
    const ready: CaseEventRecord[] = [];
    for (let next = this.pending.get(this.last + 1); next; next = this.pending.get(this.last + 1)) {
      this.pending.delete(next.version);
      this.last = next.version;
      ready.push(next);
    }
    return ready;
  }

  /**
   * A snapshot of the whole case at `version` was read: everything up to it is applied. Held events at or below
   * it are dropped; any that follow it directly become applicable and are returned.
   */
  advanceTo(version: number): CaseEventRecord[] {
    if (version <= this.last) return [];
    this.last = version;
    for (const v of [...this.pending.keys()]) if (v <= version) this.pending.delete(v);
    return this.offer([]);
  }
}
