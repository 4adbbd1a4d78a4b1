import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { buildWhere } from '@/lib/sqlite';
import { openAtlasDatabase, type AtlasDatabase } from '@/lib/storage/database';

// The activity log: every change the dashboard attempted (and every refusal), and every change the watch
// observed in the account, kept in the dashboard's SQLite database so it survives restarts and can be exported.

/** `observed`: not an attempt but something the watch saw happen (the role recreated, a new task on it…). */
export type ActivityResult = 'succeeded' | 'failed' | 'refused' | 'observed';
export const ACTIVITY_RESULTS = ['succeeded', 'failed', 'refused', 'observed'] as const satisfies readonly ActivityResult[];

export interface ActivityEntry {
  id: string;
  time: string;
  target: string;
  accountId: string;
  callerArn: string;
  /** The AWS region the call went to ('global' for IAM). */
  region: string;
  operation: string;
  /** What the change was about, e.g. a task ARN or the role name. */
  subject: string;
  parameters: Record<string, unknown>;
  result: ActivityResult;
  message: string;
  requestId: string | null;
}

export type NewActivityEntry = Omit<ActivityEntry, 'id' | 'time' | 'requestId'> & { time?: string; requestId?: string | null };

export interface ActivityFilter {
  operation?: string;
  result?: ActivityResult;
  region?: string;
  /** Only the entries of this account (a member account's activity page). */
  accountId?: string;
  limit?: number;
}

export interface ActivityStore {
  record(entry: NewActivityEntry): ActivityEntry;
  list(filter?: ActivityFilter): ActivityEntry[];
  listOperations(): string[];
  close(): void;
}

const SECRET_KEY = /secret|password|passphrase|token|credential|session|private.?key|authorization/i;
const REDACTED = '[redacted]';

/** Parameters as recorded: keys that could hold secrets are redacted, at any depth. */
export function redactParameters(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactParameters);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, SECRET_KEY.test(key) ? REDACTED : redactParameters(inner)]),
    );
  }
  return value;
}

const rowSchema = z.object({
  id: z.string(),
  time: z.string(),
  target: z.string(),
  account_id: z.string(),
  caller_arn: z.string(),
  region: z.string(),
  operation: z.string(),
  subject: z.string(),
  parameters: z.string(),
  result: z.enum(ACTIVITY_RESULTS),
  message: z.string(),
  request_id: z.string().nullable(),
});
type Row = z.infer<typeof rowSchema>;

function parseParameters(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { unreadable: text };
  }
}

function toEntry(row: Row): ActivityEntry {
  return {
    id: row.id,
    time: row.time,
    target: row.target,
    accountId: row.account_id,
    callerArn: row.caller_arn,
    region: row.region,
    operation: row.operation,
    subject: row.subject,
    parameters: parseParameters(row.parameters),
    result: row.result,
    message: row.message,
    requestId: row.request_id,
  };
}

/** The activity log in the dashboard's database. */
export function createActivityStore(db: AtlasDatabase): ActivityStore {
  const insert = db.prepare(
    `INSERT INTO activity (id, time, target, account_id, caller_arn, region, operation, subject, parameters, result, message, request_id)
     VALUES (@id, @time, @target, @account_id, @caller_arn, @region, @operation, @subject, @parameters, @result, @message, @request_id)`,
  );

  return {
    record(entry) {
      const stored: ActivityEntry = {
        id: randomUUID(),
        time: entry.time ?? new Date().toISOString(),
        target: entry.target,
        accountId: entry.accountId,
        callerArn: entry.callerArn,
        region: entry.region,
        operation: entry.operation,
        subject: entry.subject,
        parameters: redactParameters(entry.parameters) as Record<string, unknown>,
        result: entry.result,
        message: entry.message,
        requestId: entry.requestId ?? null,
      };
      insert.run({
        id: stored.id,
        time: stored.time,
        target: stored.target,
        account_id: stored.accountId,
        caller_arn: stored.callerArn,
        region: stored.region,
        operation: stored.operation,
        subject: stored.subject,
        parameters: JSON.stringify(stored.parameters),
        result: stored.result,
        message: stored.message,
        request_id: stored.requestId,
      });
      return stored;
    },
    list(filter = {}) {
      const { where, values } = buildWhere([
        { column: 'operation', value: filter.operation },
        { column: 'result', value: filter.result },
        { column: 'region', value: filter.region },
        { column: 'account_id', value: filter.accountId },
      ]);
      const limit = Math.max(1, Math.min(filter.limit ?? 10_000, 10_000));
      // Newest first; the insertion sequence breaks ties between entries of the same millisecond.
      const rows = db.prepare(`SELECT * FROM activity ${where} ORDER BY time DESC, seq DESC LIMIT @limit`).all({ ...values, limit });
      return rows.map((row) => toEntry(rowSchema.parse(row)));
    },
    listOperations() {
      return z.array(z.object({ operation: z.string() })).parse(db.prepare('SELECT DISTINCT operation FROM activity ORDER BY operation').all()).map((row) => row.operation);
    },
    close() {
      db.close();
    },
  };
}

/** The activity log of the database in `dataDir` (opened, and migrated, for this store alone). */
export function openActivityStore(dataDir: string): ActivityStore {
  return createActivityStore(openAtlasDatabase(dataDir));
}
