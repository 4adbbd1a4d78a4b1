// The deletion state machine: how one deletion of the service-linked role moves from "requested" to a verdict.
// Pure: every transition takes the current record and one observed fact and returns the next record, so it can
// be persisted between polls and resumed after a reload or a restart.

import type { DeletionFailure, DeletionTaskStatus, RoleIdentity, RoleUsage } from '@/lib/aws/types';

export type { DeletionFailure, DeletionTaskStatus, RoleIdentity, RoleUsage };

/**
 * - `pending`: the task is queued or running; the next poll reads its status.
 * - `confirming`: the status call answered SUCCEEDED or NoSuchEntity; the next poll asks GetRole whether the role
 *   is really gone (IAM is eventually consistent, and fast deletions purge the task record).
 * - `succeeded` / `failed`: final for this task id.
 * - `recreated`: final; the role was deleted, and GetRole now returns another role of the same name (another
 *   RoleId or CreateDate), created since.
 */
export type DeletionPhase = 'pending' | 'confirming' | 'succeeded' | 'failed' | 'recreated';


export type TimelineKind =
  | 'requested'
  | 'same-task'
  | 'status'
  | 'status-not-found'
  | 'role-still-present'
  | 'role-gone'
  | 'role-recreated'
  | 'unconfirmed'
  | 'poll-error'
  | 'resumed';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  message: string;
  status?: DeletionTaskStatus;
  requestId?: string;
}

export interface DeletionRound {
  deletionTaskId: string;
  requestedAt: string;
  finishedAt: string;
  outcome: 'succeeded' | 'failed';
  failure?: DeletionFailure;
}

export interface DeletionRecord {
  deletionTaskId: string;
  /** 1 for the first DeleteServiceLinkedRole of a run, +1 after each FAILED task. */
  round: number;
  requestedAt: string;
  phase: DeletionPhase;
  /** The role as GetRole showed it just before the deletion was requested (absent in records from before). */
  deletedRole?: RoleIdentity;
  /** Why the role is being confirmed with GetRole (only in `confirming`). */
  confirmingAfter?: 'succeeded' | 'not-found';
  /** When GetRole first showed the deleted role again after SUCCEEDED or NoSuchEntity, in this run of checks. */
  stillPresentSince?: string;
  /** The creation date of the role found in the deleted one's place (only in `recreated`). */
  recreatedAt?: string;
  lastStatus?: DeletionTaskStatus;
  lastCheckedAt?: string;
  pollCount: number;
  consecutiveErrors: number;
  finishedAt?: string;
  failure?: DeletionFailure;
  /** Earlier rounds of the same run, oldest first (e.g. a FAILED task before this one). */
  previousRounds: DeletionRound[];
  timeline: TimelineEntry[];
}

export type DeletionEvent =
  | { type: 'delete-requested'; deletionTaskId: string; at: string; requestId?: string; role?: RoleIdentity }
  | {
      type: 'status';
      status: DeletionTaskStatus;
      at: string;
      failure?: DeletionFailure;
      requestId?: string;
    }
  | { type: 'status-not-found'; at: string; requestId?: string }
  | { type: 'role-checked'; role: RoleIdentity | null; at: string; requestId?: string }
  | { type: 'poll-error'; at: string; message: string }
  | { type: 'resumed'; at: string };

/** A deletion keeps running on AWS's side after this long; the wizard keeps polling but says so. */
export const LONG_RUNNING_AFTER_MS = 5 * 60_000;
const FIRST_POLL_DELAY_MS = 1_000;
const MAX_POLL_DELAY_MS = 10_000;
const MAX_TIMELINE_ENTRIES = 200;
/**
 * How long GetRole may keep showing the very role being deleted after SUCCEEDED or NoSuchEntity before the
 * wizard stops believing IAM's lag: the deletion then did not happen (a FAILED task whose record was purged
 * before the wizard came back, for one), and the wizard says so instead of polling forever.
 */
export const STILL_PRESENT_LIMIT_MS = 60_000;

export function isFinished(record: DeletionRecord | null): boolean {
  return record !== null && (record.phase === 'succeeded' || record.phase === 'failed' || record.phase === 'recreated');
}

/** The deletion removed the role, whether or not a new one has been created since. */
export function hasDeletedRole(record: DeletionRecord | null): boolean {
  return record !== null && (record.phase === 'succeeded' || record.phase === 'recreated');
}

function isSameRole(deleted: RoleIdentity | undefined, found: RoleIdentity): boolean {
  // A record from before roles were compared knows no identity: the role found is taken to be the same one.
  if (!deleted) return true;
  return deleted.roleId === found.roleId && Date.parse(deleted.createDate) === Date.parse(found.createDate);
}

function withEntry(record: DeletionRecord, entry: TimelineEntry): DeletionRecord {
  const timeline = [...record.timeline, entry];
  // Keep the first entries (the request) and the latest ones when a very long deletion piles up polls.
  const trimmed = timeline.length > MAX_TIMELINE_ENTRIES ? [...timeline.slice(0, 2), ...timeline.slice(-(MAX_TIMELINE_ENTRIES - 2))] : timeline;
  return { ...record, timeline: trimmed };
}

function describeStatus(status: DeletionTaskStatus): string {
  switch (status) {
    case 'NOT_STARTED':
      return 'The deletion task is queued (NOT_STARTED).';
    case 'IN_PROGRESS':
      return 'IAM is deleting the role (IN_PROGRESS).';
    case 'SUCCEEDED':
      return 'The deletion task reports SUCCEEDED; checking that the role is gone.';
    case 'FAILED':
      return 'The deletion task FAILED: something still uses the role.';
  }
}

function startRecord(event: Extract<DeletionEvent, { type: 'delete-requested' }>, round: number, previousRounds: DeletionRound[]): DeletionRecord {
  return {
    deletionTaskId: event.deletionTaskId,
    round,
    requestedAt: event.at,
    phase: 'pending',
    ...(event.role ? { deletedRole: event.role } : {}),
    pollCount: 0,
    consecutiveErrors: 0,
    previousRounds,
    timeline: [
      {
        at: event.at,
        kind: 'requested',
        message: `DeleteServiceLinkedRole accepted; deletion task ${event.deletionTaskId}.`,
        ...(event.requestId ? { requestId: event.requestId } : {}),
      },
    ],
  };
}

function toRound(record: DeletionRecord): DeletionRound {
  return {
    deletionTaskId: record.deletionTaskId,
    requestedAt: record.requestedAt,
    finishedAt: record.finishedAt ?? record.lastCheckedAt ?? record.requestedAt,
    outcome: hasDeletedRole(record) ? 'succeeded' : 'failed',
    ...(record.failure ? { failure: record.failure } : {}),
  };
}

/** Applies one observed fact to the record. `null` stands for "no deletion requested yet". */
export function applyDeletionEvent(record: DeletionRecord | null, event: DeletionEvent): DeletionRecord {
  if (event.type === 'delete-requested') {
    if (record === null) return startRecord(event, 1, []);
    if (record.deletionTaskId === event.deletionTaskId && !isFinished(record)) {
      // AWS hands back the same id while a task is unfinished: it is the same deletion, not a new round.
      return withEntry(record, {
        at: event.at,
        kind: 'same-task',
        message: 'DeleteServiceLinkedRole returned the deletion task already in progress.',
        ...(event.requestId ? { requestId: event.requestId } : {}),
      });
    }
    if (!isFinished(record)) {
      // A different id while ours was unfinished: ours ended unseen (e.g. purged); follow the new one.
      return startRecord(event, record.round + 1, [...record.previousRounds, { ...toRound(record), outcome: 'failed' }]);
    }
    if (hasDeletedRole(record)) return startRecord(event, 1, []);
    return startRecord(event, record.round + 1, [...record.previousRounds, toRound(record)]);
  }

  if (record === null) {
    throw new Error(`A deletion event (${event.type}) arrived before any deletion was requested.`);
  }
  if (isFinished(record) && event.type !== 'resumed') return record;

  switch (event.type) {
    case 'resumed':
      return withEntry(record, { at: event.at, kind: 'resumed', message: `Resumed tracking of deletion task ${record.deletionTaskId}.` });

    case 'poll-error':
      return withEntry(
        { ...record, consecutiveErrors: record.consecutiveErrors + 1, lastCheckedAt: event.at },
        { at: event.at, kind: 'poll-error', message: `Could not read the deletion status: ${event.message} Polling continues.` },
      );

    case 'status': {
      const base: DeletionRecord = {
        ...record,
        lastStatus: event.status,
        lastCheckedAt: event.at,
        pollCount: record.pollCount + 1,
        consecutiveErrors: 0,
      };
      // Repeated identical statuses are not worth a timeline line each.
      const isRepeat = record.lastStatus === event.status && record.phase === 'pending';
      const entry: TimelineEntry = {
        at: event.at,
        kind: 'status',
        status: event.status,
        message: describeStatus(event.status),
        ...(event.requestId ? { requestId: event.requestId } : {}),
      };
      if (event.status === 'NOT_STARTED' || event.status === 'IN_PROGRESS') {
        const next: DeletionRecord = { ...base, phase: 'pending', confirmingAfter: undefined, stillPresentSince: undefined };
        return isRepeat ? next : withEntry(next, entry);
      }
      if (event.status === 'SUCCEEDED') {
        return withEntry({ ...base, phase: 'confirming', confirmingAfter: 'succeeded' }, entry);
      }
      const failure: DeletionFailure = event.failure ?? { reason: 'AWS gave no reason.', usage: [] };
      return withEntry({ ...base, phase: 'failed', finishedAt: event.at, failure }, { ...entry, message: `The deletion task FAILED: ${failure.reason}` });
    }

    case 'status-not-found':
      return withEntry(
        { ...record, phase: 'confirming', confirmingAfter: 'not-found', lastCheckedAt: event.at, pollCount: record.pollCount + 1, consecutiveErrors: 0 },
        {
          at: event.at,
          kind: 'status-not-found',
          message: 'IAM no longer knows the deletion task (NoSuchEntity); checking with GetRole whether the role is gone.',
          ...(event.requestId ? { requestId: event.requestId } : {}),
        },
      );

    case 'role-checked': {
      if (record.phase !== 'confirming') return record;
      const base = { ...record, lastCheckedAt: event.at, pollCount: record.pollCount + 1, consecutiveErrors: 0 };
      const requestId = event.requestId ? { requestId: event.requestId } : {};
      if (event.role === null) {
        return withEntry(
          { ...base, phase: 'succeeded', finishedAt: event.at, stillPresentSince: undefined },
          { at: event.at, kind: 'role-gone', message: 'GetRole answers NoSuchEntity: the role is deleted.', ...requestId },
        );
      }
      if (!isSameRole(record.deletedRole, event.role)) {
        return withEntry(
          { ...base, phase: 'recreated', finishedAt: event.at, recreatedAt: event.role.createDate, stillPresentSince: undefined },
          {
            at: event.at,
            kind: 'role-recreated',
            message: `GetRole returns another role of the same name (id ${event.role.roleId}, created ${event.role.createDate}): the role was deleted, then created again.`,
            ...requestId,
          },
        );
      }
      const stillPresentSince = record.stillPresentSince ?? event.at;
      if (Date.parse(event.at) - Date.parse(stillPresentSince) >= STILL_PRESENT_LIMIT_MS) {
        const reason =
          record.confirmingAfter === 'succeeded'
            ? `IAM reported SUCCEEDED, but GetRole still returns the same role (id ${event.role.roleId}) ${STILL_PRESENT_LIMIT_MS / 1000} s later: the deletion did not take effect.`
            : `IAM no longer knows deletion task ${record.deletionTaskId} and the same role (id ${event.role.roleId}) is still there: the task most likely FAILED and its record was purged before it could be read.`;
        const failure: DeletionFailure = { reason: `${reason} A fresh audit shows what still relies on the role; then delete again.`, usage: [] };
        return withEntry(
          { ...base, phase: 'failed', finishedAt: event.at, failure, stillPresentSince: undefined },
          { at: event.at, kind: 'unconfirmed', message: reason, ...requestId },
        );
      }
      // Still visible: IAM's eventual consistency. After SUCCEEDED ask GetRole again; after a purged task read the
      // status again, since the task may simply not be visible yet.
      const next: DeletionRecord =
        record.confirmingAfter === 'succeeded' ? { ...base, stillPresentSince } : { ...base, phase: 'pending', confirmingAfter: undefined, stillPresentSince };
      return withEntry(next, {
        at: event.at,
        kind: 'role-still-present',
        message:
          record.confirmingAfter === 'succeeded'
            ? 'GetRole still returns the role (IAM is eventually consistent); checking again.'
            : 'GetRole still returns the role; the deletion is not finished. Polling continues.',
        ...requestId,
      });
    }
  }
}

/** What the next poll must ask AWS, or nothing when the record is final. */
export function getNextPollRequest(record: DeletionRecord | null): 'status' | 'get-role' | 'none' {
  if (record === null || isFinished(record)) return 'none';
  return record.phase === 'confirming' ? 'get-role' : 'status';
}

/** Backoff between polls: 1 s, then ×1.5 up to 10 s (Terraform polls every 10 s); slower again after errors. */
export function getPollDelayMs(record: DeletionRecord): number {
  const grown = FIRST_POLL_DELAY_MS * Math.pow(1.5, Math.max(0, record.pollCount - 1));
  const afterErrors = record.consecutiveErrors > 0 ? grown * Math.pow(2, Math.min(record.consecutiveErrors, 3)) : grown;
  return Math.round(Math.min(afterErrors, record.consecutiveErrors > 0 ? 30_000 : MAX_POLL_DELAY_MS));
}

export function isLongRunning(record: DeletionRecord, now: Date): boolean {
  return !isFinished(record) && now.getTime() - Date.parse(record.requestedAt) >= LONG_RUNNING_AFTER_MS;
}

/** Every resource of a failure's usage list, flattened with its region (for activity and links). */
export function countUsageResources(failure: DeletionFailure | undefined): number {
  return (failure?.usage ?? []).reduce((total, usage) => total + usage.resources.length, 0);
}
