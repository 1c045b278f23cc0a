import { describe, expect, it } from 'vitest';
import { VersionBuffer } from '../src/versionBuffer';
import { evs } from './helpers';

const versions = (list: { version: number }[]) => list.map((e) => e.version);

describe('VersionBuffer', () => {
  it('applies events in version order, once', () => {
    const b = new VersionBuffer(0);
    expect(versions(b.offer(evs(1, 2, 3)))).toEqual([1, 2, 3]);
    expect(b.lastVersion).toBe(3);
    expect(b.hasGap).toBe(false);
  });

  it('drops duplicates, whether already applied or offered twice in one batch', () => {
    const b = new VersionBuffer(0);
    b.offer(evs(1, 2));
    expect(versions(b.offer(evs(1, 2, 2, 3, 3)))).toEqual([3]);
    expect(b.lastVersion).toBe(3);
  });

  it('holds an event beyond a gap until the missing one arrives, then applies both in order', () => {
    const b = new VersionBuffer(5);
    expect(b.offer(evs(7, 8))).toEqual([]);
    expect(b.hasGap).toBe(true);
    expect(b.firstPending).toBe(7);
    expect(b.lastVersion).toBe(5);
    expect(versions(b.offer(evs(6)))).toEqual([6, 7, 8]);
    expect(b.hasGap).toBe(false);
  });

  it('sorts an out-of-order batch', () => {
    const b = new VersionBuffer(0);
    expect(versions(b.offer(evs(3, 1, 2)))).toEqual([1, 2, 3]);
  });

  it('advancing to a snapshot version drops what the snapshot covers and applies what follows it', () => {
    const b = new VersionBuffer(2);
    b.offer(evs(4, 6, 7));
    expect(versions(b.advanceTo(5))).toEqual([6, 7]);
    expect(b.lastVersion).toBe(7);
    expect(b.hasGap).toBe(false);
  });

  it('never goes back when a snapshot is older than what was applied', () => {
    const b = new VersionBuffer(0);
    b.offer(evs(1, 2, 3));
    expect(b.advanceTo(2)).toEqual([]);
    expect(b.lastVersion).toBe(3);
  });
});
