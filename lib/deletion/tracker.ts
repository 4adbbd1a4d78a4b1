import {
  applyDeletionEvent,
  getNextPollRequest,
  isFinished,
  type DeletionFailure,
  type DeletionRecord,
  type DeletionTaskStatus,
  type RoleIdentity,
} from '@/lib/deletion/machine';
import type { DeletionStore } from '@/lib/deletion/store';

// Drives the state machine against IAM: starts a deletion (persisting its task id before anything polls it) and
// performs one poll at a time. The IAM calls come in through a gateway so the logic is tested without AWS.

export interface DeletionGateway {
  deleteServiceLinkedRole(): Promise<{ deletionTaskId: string; requestId?: string }>;
  /** Throws an error for which `isNotFound` is true when IAM no longer knows the task. */
  getDeletionStatus(deletionTaskId: string): Promise<{ status: DeletionTaskStatus; failure?: DeletionFailure; requestId?: string }>;
  /** GetRole: the role's identity, or null when IAM answers NoSuchEntity. */
  getRole(): Promise<{ role: RoleIdentity | null; requestId?: string }>;
  isNotFound(error: unknown): boolean;
  describeError(error: unknown): string;
}

export interface DeletionTracker {
  getCurrent(): Promise<DeletionRecord | null>;
  /** Calls DeleteServiceLinkedRole and saves the task id; the returned record has not been polled yet. */
  start(): Promise<DeletionRecord>;
  /** One poll step; returns the record unchanged when it is final or absent. */
  poll(): Promise<DeletionRecord | null>;
  /** The same poll step, also telling whether this very poll saw the deletion finish (exactly once per task). */
  pollAndReport(): Promise<{ record: DeletionRecord | null; hasJustFinished: boolean }>;
  /** Forgets a finished deletion (a new run starts from scratch). */
  clear(): Promise<void>;
}

export function createDeletionTracker(options: {
  gateway: DeletionGateway;
  store: DeletionStore;
  now?: () => Date;
  /** Task ids this process has already followed; a task missing from it was resumed from disk. */
  followed?: Set<string>;
}): DeletionTracker {
  const { gateway, store } = options;
  const now = options.now ?? (() => new Date());
  const followed = options.followed ?? new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  // Polls from two tabs must not interleave their read-modify-write of the record.
  function serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function pollOnce(): Promise<{ record: DeletionRecord | null; hasJustFinished: boolean }> {
    const record = await store.load();
    if (record === null || isFinished(record)) return { record, hasJustFinished: false };
    const next = await advance(record);
    return { record: next, hasJustFinished: isFinished(next) };
  }

  async function advance(loaded: DeletionRecord): Promise<DeletionRecord> {
    let record = loaded;
    if (!followed.has(record.deletionTaskId)) {
      followed.add(record.deletionTaskId);
      record = applyDeletionEvent(record, { type: 'resumed', at: now().toISOString() });
    }
    const request = getNextPollRequest(record);
    if (request === 'status') {
      try {
        const result = await gateway.getDeletionStatus(record.deletionTaskId);
        record = applyDeletionEvent(record, {
          type: 'status',
          status: result.status,
          at: now().toISOString(),
          ...(result.failure ? { failure: result.failure } : {}),
          ...(result.requestId ? { requestId: result.requestId } : {}),
        });
      } catch (error) {
        record = gateway.isNotFound(error)
          ? applyDeletionEvent(record, { type: 'status-not-found', at: now().toISOString() })
          : applyDeletionEvent(record, { type: 'poll-error', at: now().toISOString(), message: gateway.describeError(error) });
      }
      await store.save(record);
      // SUCCEEDED or a purged task is only believed once GetRole agrees: confirm within the same poll.
      if (getNextPollRequest(record) !== 'get-role') return record;
    }
    try {
      const result = await gateway.getRole();
      record = applyDeletionEvent(record, {
        type: 'role-checked',
        role: result.role,
        at: now().toISOString(),
        ...(result.requestId ? { requestId: result.requestId } : {}),
      });
    } catch (error) {
      record = applyDeletionEvent(record, { type: 'poll-error', at: now().toISOString(), message: gateway.describeError(error) });
    }
    await store.save(record);
    return record;
  }

  return {
    getCurrent: () => store.load(),
    start: () =>
      serialised(async () => {
        const current = await store.load();
        // The role's identity tells a role recreated later from the one deleted now. Not knowing it (GetRole
        // refused) does not stop the deletion: the record then compares nothing.
        const role = await gateway.getRole().then(
          (found) => found.role,
          () => null,
        );
        const result = await gateway.deleteServiceLinkedRole();
        const record = applyDeletionEvent(current, {
          type: 'delete-requested',
          deletionTaskId: result.deletionTaskId,
          at: now().toISOString(),
          ...(role ? { role } : {}),
          ...(result.requestId ? { requestId: result.requestId } : {}),
        });
        followed.add(record.deletionTaskId);
        // Saved before any poll: whatever happens next, the task id is not lost.
        await store.save(record);
        return record;
      }),
    poll: () => serialised(pollOnce).then((result) => result.record),
    pollAndReport: () => serialised(pollOnce),
    clear: () => serialised(() => store.clear()),
  };
}
