import type { ItemOutcome } from '@/lib/actions/result';

// The blockers step's clean-up queue as plain data: the outcome of each task's last attempt, and when a transient
// failure ("Systems Manager is using the role") is retried by itself. The hook that drives it only adds timers.

export type CleanupKind = 'move' | 'deregister';

export interface CleanupItem extends ItemOutcome {
  kind: CleanupKind;
  /** The role a move goes to. */
  roleArn?: string;
  attempts: number;
  /** Set for a transient failure while an automatic retry is due (epoch ms). */
  retryAt?: number;
}

export type CleanupItems = Readonly<Record<string, CleanupItem>>;

/** One batch of tasks to send again with the same call. */
export interface CleanupBatch {
  kind: CleanupKind;
  roleArn?: string;
  keys: string[];
}

export const MAX_AUTOMATIC_RETRIES = 3;

/** Waits before retrying a clean-up that failed because Systems Manager was using the role: 15 s, 30 s, 60 s. */
export function getRetryDelayMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 60_000);
}

/** The items after one call answered: each outcome counts an attempt and, when transient, schedules a retry. */
export function applyOutcomes(items: CleanupItems, outcomes: ItemOutcome[], batch: Omit<CleanupBatch, 'keys'>, finishedAt: number): CleanupItems {
  const next: Record<string, CleanupItem> = { ...items };
  for (const outcome of outcomes) {
    const attempts = (items[outcome.key]?.attempts ?? 0) + 1;
    next[outcome.key] = {
      ...outcome,
      kind: batch.kind,
      ...(batch.roleArn ? { roleArn: batch.roleArn } : {}),
      attempts,
      ...(outcome.isTransient && attempts <= MAX_AUTOMATIC_RETRIES ? { retryAt: finishedAt + getRetryDelayMs(attempts) } : {}),
    };
  }
  return next;
}

/** The earliest automatic retry still scheduled, if any. */
export function getNextRetryAt(items: CleanupItems): number | undefined {
  const due = Object.values(items).flatMap((item) => (item.retryAt === undefined ? [] : [item.retryAt]));
  return due.length > 0 ? Math.min(...due) : undefined;
}

/** Unschedules the automatic retry of `keys` (they are being sent now). */
export function clearRetries(items: CleanupItems, keys: readonly string[]): CleanupItems {
  const next: Record<string, CleanupItem> = { ...items };
  for (const key of keys) {
    const existing = next[key];
    if (existing) next[key] = { ...existing, retryAt: undefined };
  }
  return next;
}

/** The retries due at `at`: the first due item's kind and role, with every due item that shares them. */
export function getDueBatch(items: CleanupItems, at: number): CleanupBatch | null {
  const due = Object.values(items).filter((item) => item.retryAt !== undefined && item.retryAt <= at);
  const first = due[0];
  if (!first) return null;
  const same = due.filter((item) => item.kind === first.kind && item.roleArn === first.roleArn);
  return { kind: first.kind, ...(first.roleArn ? { roleArn: first.roleArn } : {}), keys: same.map((item) => item.key) };
}

/** A transient failure that was retried automatically as often as allowed: only a retry by hand is left. */
export function hasAutomaticRetriesStopped(item: CleanupItem): boolean {
  return !item.ok && item.isTransient === true && item.retryAt === undefined && item.attempts > MAX_AUTOMATIC_RETRIES;
}
