'use client';

import { useEffect, useEffectEvent, useState, useTransition } from 'react';
import { deregisterTasksAction, moveTasksToRoleAction } from '@/app/delete/cleanup-actions';
import {
  applyOutcomes,
  clearRetries,
  getDueBatch,
  getNextRetryAt,
  type CleanupBatch,
  type CleanupItems,
  type CleanupKind,
} from '@/lib/deletion/cleanup-queue';
import type { BlockingTask } from '@/lib/deletion/plan';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Sends the blockers step's clean-up calls one batch at a time, keeps each task's outcome, and retries transient
// failures by itself when their countdown ends. The decisions live in lib/deletion/cleanup-queue.

export interface CleanupQueue {
  items: CleanupItems;
  /** The clock the countdowns are shown against (ticks each second while a retry is scheduled). */
  now: number;
  isPending: boolean;
  error: string | null;
  setError(message: string | null): void;
  run(kind: CleanupKind, tasks: BlockingTask[], roleArn?: string): void;
}

export function useCleanupQueue(tasks: readonly BlockingTask[]): CleanupQueue {
  const accountId = useMemberAccountId();
  const [items, setItems] = useState<CleanupItems>({});
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [isPending, startTransition] = useTransition();

  function run(kind: CleanupKind, batchTasks: BlockingTask[], roleArn?: string) {
    setError(null);
    const keys = batchTasks.map((task) => task.arn);
    // A task sent now (by hand or by its countdown) has no automatic retry pending any more.
    setItems((current) => clearRetries(current, keys));
    startTransition(async () => {
      const refs = batchTasks.map((task) => ({ arn: task.arn, region: task.region, windowId: task.windowId, windowTaskId: task.windowTaskId }));
      const result =
        kind === 'move'
          ? await moveTasksToRoleAction(withAccountInput({ roleArn, tasks: refs, isConfirmed: true }, accountId))
          : await deregisterTasksAction(withAccountInput({ tasks: refs, isConfirmed: true }, accountId));
      if (!result.ok) {
        setError(result.message);
        return;
      }
      const finishedAt = Date.now();
      setNow(finishedAt);
      setItems((current) => applyOutcomes(current, result.data.outcomes, { kind, ...(roleArn ? { roleArn } : {}) }, finishedAt));
    });
  }

  const runDueBatch = useEffectEvent(() => {
    const at = Date.now();
    setNow(at);
    const batch: CleanupBatch | null = getDueBatch(items, at);
    if (!batch) return;
    const due = tasks.filter((task) => batch.keys.includes(task.arn));
    if (due.length > 0) run(batch.kind, due, batch.roleArn);
    else setItems((current) => clearRetries(current, batch.keys));
  });

  const nextRetryAt = getNextRetryAt(items);
  useEffect(() => {
    // One call at a time: a retry that falls due during another call goes out once that call has answered.
    if (nextRetryAt === undefined || isPending) return;
    const timer = setTimeout(runDueBatch, Math.max(0, nextRetryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [nextRetryAt, isPending]);

  const hasCountdown = nextRetryAt !== undefined;
  useEffect(() => {
    if (!hasCountdown) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [hasCountdown]);

  return { items, now, isPending, error, setError, run };
}
