import { describe, expect, it } from 'vitest';
import {
  applyOutcomes,
  clearRetries,
  getDueBatch,
  getNextRetryAt,
  hasAutomaticRetriesStopped,
  type CleanupItems,
} from '@/lib/deletion/cleanup-queue';

const BUSY = { ok: false, message: 'busy', isTransient: true };

describe('clean-up queue', () => {
  it('schedules a transient failure 15 s, 30 s, then 60 s later, and stops after three automatic retries', () => {
    let items: CleanupItems = {};
    const scheduled: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      items = applyOutcomes(items, [{ key: 'a', ...BUSY }], { kind: 'deregister' }, 1_000);
      scheduled.push((items.a?.retryAt ?? 0) - 1_000);
    }
    expect(scheduled).toEqual([15_000, 30_000, 60_000, -1_000]);
    expect(items.a?.attempts).toBe(4);
    expect(items.a && hasAutomaticRetriesStopped(items.a)).toBe(true);
  });

  it('schedules nothing for a success or a lasting failure', () => {
    const items = applyOutcomes({}, [
      { key: 'done', ok: true, message: 'ok' },
      { key: 'denied', ok: false, message: 'AccessDenied' },
    ], { kind: 'move', roleArn: 'arn:role' }, 0);
    expect(getNextRetryAt(items)).toBeUndefined();
    expect(items.done).toMatchObject({ kind: 'move', roleArn: 'arn:role', attempts: 1 });
    expect(items.denied && hasAutomaticRetriesStopped(items.denied)).toBe(false);
  });

  it('batches the due retries that share a call and a role, and leaves the rest for later', () => {
    let items = applyOutcomes({}, [{ key: 'a', ...BUSY }, { key: 'b', ...BUSY }], { kind: 'move', roleArn: 'arn:one' }, 0);
    items = applyOutcomes(items, [{ key: 'c', ...BUSY }], { kind: 'deregister' }, 0);
    items = applyOutcomes(items, [{ key: 'd', ...BUSY }], { kind: 'move', roleArn: 'arn:one' }, 10_000);
    expect(getNextRetryAt(items)).toBe(15_000);
    expect(getDueBatch(items, 14_999)).toBeNull();
    expect(getDueBatch(items, 15_000)).toEqual({ kind: 'move', roleArn: 'arn:one', keys: ['a', 'b'] });
    const after = clearRetries(items, ['a', 'b']);
    expect(getDueBatch(after, 15_000)).toEqual({ kind: 'deregister', keys: ['c'] });
    expect(getNextRetryAt(clearRetries(after, ['c']))).toBe(25_000);
  });
});
