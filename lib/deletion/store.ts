import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { DeletionRecord } from '@/lib/deletion/machine';

// Keeps the deletion being tracked on disk (one JSON file per target and account), written atomically before
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

export function getDeletionFileName(target: string, accountId: string): string {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');
  return `deletion-task.${safe(target)}.${safe(accountId)}.json`;
}

/** A store in `dataDir`; `fileName` separates targets and accounts so one never polls another's task. */
export function createFileDeletionStore(dataDir: string, fileName: string): DeletionStore {
  const filePath = path.join(dataDir, fileName);
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return parseStoredDeletion(text);
    },
    async save(record) {
      await mkdir(dataDir, { recursive: true });
      await writeFileAtomic(filePath, `${JSON.stringify({ version: 1, record }, null, 2)}\n`, { fsync: true });
    },
    async clear() {
      await rm(filePath, { force: true });
    },
  };
}
