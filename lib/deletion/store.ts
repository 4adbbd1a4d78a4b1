import { z } from 'zod';
import type { DeletionRecord } from '@/lib/deletion/machine';
import type { AtlasDatabase } from '@/lib/storage/database';

// Keeps the deletion being tracked in the dashboard's database (one row per target and account), saved before
// each poll goes out, so a reload or a server restart resumes the very same deletion task.

export interface DeletionStore {
  /** Throws UnreadableDeletionRecordError when a record is stored but cannot be read. */
  load(): Promise<DeletionRecord | null>;
  save(record: DeletionRecord): Promise<void>;
  clear(): Promise<void>;
}

const usageSchema = z.object({ region: z.string(), resources: z.array(z.string()) });
const failureSchema = z.object({ reason: z.string(), usage: z.array(usageSchema) });
const statusSchema = z.enum(['NOT_STARTED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED']);

const recordSchema = z.object({
  deletionTaskId: z.string().min(1),
  round: z.number().int().min(1),
  requestedAt: z.string(),
  phase: z.enum(['pending', 'confirming', 'succeeded', 'failed', 'recreated']),
  deletedRole: z.object({ roleId: z.string(), createDate: z.string() }).optional(),
  confirmingAfter: z.enum(['succeeded', 'not-found']).optional(),
  stillPresentSince: z.string().optional(),
  recreatedAt: z.string().optional(),
  lastStatus: statusSchema.optional(),
  lastCheckedAt: z.string().optional(),
  pollCount: z.number().int().min(0),
  consecutiveErrors: z.number().int().min(0),
  finishedAt: z.string().optional(),
  failure: failureSchema.optional(),
  previousRounds: z.array(
    z.object({
      deletionTaskId: z.string(),
      requestedAt: z.string(),
      finishedAt: z.string(),
      outcome: z.enum(['succeeded', 'failed']),
      failure: failureSchema.optional(),
    }),
  ),
  timeline: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['requested', 'same-task', 'status', 'status-not-found', 'role-still-present', 'role-gone', 'role-recreated', 'unconfirmed', 'poll-error', 'resumed']),
      message: z.string(),
      status: statusSchema.optional(),
      requestId: z.string().optional(),
    }),
  ),
});

const fileSchema = z.object({ version: z.literal(1), record: recordSchema });

/**
 * A stored deletion record that is not valid JSON or not a record: it is neither trusted nor silently dropped,
 * since it may stand for a deletion still running. The wizard says so and offers to discard it.
 */
export class UnreadableDeletionRecordError extends Error {
  constructor(readonly detail: string) {
    super(`The stored deletion record cannot be read (${detail}).`);
    this.name = 'UnreadableDeletionRecordError';
  }
}

/** The record in a stored text, validated; throws UnreadableDeletionRecordError for anything else. */
export function parseStoredDeletion(text: string): DeletionRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnreadableDeletionRecordError('it is not valid JSON');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableDeletionRecordError(`${issue?.path.join('.') || 'the record'}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return parsed.data.record;
}

/** The store of one target and account, so one never polls another's task. */
export function createDeletionStore(db: AtlasDatabase, key: { target: string; accountId: string }): DeletionStore {
  const rowSchema = z.object({ record: z.string() });
  return {
    async load() {
      const row = rowSchema.safeParse(db.prepare('SELECT record FROM deletions WHERE target = ? AND account_id = ?').get(key.target, key.accountId));
      return row.success ? parseStoredDeletion(row.data.record) : null;
    },
    async save(record) {
      db.prepare('INSERT OR REPLACE INTO deletions (target, account_id, record, updated_at) VALUES (?, ?, ?, ?)').run(
        key.target,
        key.accountId,
        JSON.stringify({ version: 1, record }),
        new Date().toISOString(),
      );
    },
    async clear() {
      db.prepare('DELETE FROM deletions WHERE target = ? AND account_id = ?').run(key.target, key.accountId);
    },
  };
}
