import { z } from 'zod';
import { buildWhere, inTransaction } from '@/lib/sqlite';
import type { AtlasDatabase } from '@/lib/storage/database';
import { parseStoredJson } from '@/lib/storage/stored-json';
import type { WatchChange, WatchChangeKind } from '@/lib/watch/compare';
import type { WatchSnapshot } from '@/lib/watch/snapshot';

// The watch's memory, in the dashboard's database (shared by the command line and the dashboard): the snapshots
// runs compare with, every change seen (once, by its key) with its webhook delivery, and the last run.

export type DeliveryState = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

export interface StoredChange extends WatchChange {
  target: string;
  detectedAt: string;
  delivery: DeliveryState;
  deliveryAttempts: number;
  deliveredAt: string | null;
  deliveryError: string | null;
}

export interface WatchRunRecord {
  target: string;
  accountId: string;
  ranAt: string;
  /** How often the watch runs (null: a single run, `watch --once`). */
  everyMs: number | null;
  source: 'cli' | 'dashboard';
  /** 'ok' with `changeCount` changes, 'first-run' (baseline recorded), or 'failed'. */
  outcome: 'ok' | 'first-run' | 'failed';
  changeCount: number;
  message: string;
  /** Since when changes are counted: the baseline's time at the first run, or the last deletion. */
  baselineLabel: string;
  /** The first run recorded for this account: where "changes since" starts when no deletion came after it. */
  firstRanAt: string;
}

export interface WatchStore {
  getLastSnapshot(target: string, accountId?: string): WatchSnapshot | null;
  saveSnapshot(snapshot: WatchSnapshot): void;
  hasChange(key: string): boolean;
  /** Records a change unless one with its key was recorded before; true when it is new. */
  addChange(change: WatchChange, options: { target: string; detectedAt: string; delivery: 'none' | 'pending' }): boolean;
  listChanges(filter: { target?: string; accountId?: string; since?: string; limit?: number }): StoredChange[];
  /** Takes a change for delivery: only one caller (process) gets true, so no change is posted twice. */
  claimDelivery(key: string): boolean;
  finishDelivery(key: string, outcome: { ok: boolean; attempts: number; error?: string; at: string }): void;
  listDeliverable(maxAttempts: number): StoredChange[];
  recordRun(run: Omit<WatchRunRecord, 'firstRanAt'>): void;
  getLastRun(target: string, accountId?: string): WatchRunRecord | null;
}

const SNAPSHOTS_KEPT = 20;

const knownRoleSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('present'), arn: z.string(), roleId: z.string(), createDate: z.string() }),
  z.object({ state: z.literal('absent') }),
]);

const watchedContentSchema = z.object({
  blockingTasks: z.array(z.object({ arn: z.string(), windowId: z.string(), windowName: z.string(), taskArn: z.string(), name: z.string().optional() })),
  data: z.array(z.object({ kind: z.enum(['inventory-association', 'data-sync', 'resource-group']), id: z.string(), label: z.string() })),
  taggedResources: z.number(),
});

// A stored snapshot is read back whole: the next run compares with every field of it.
const snapshotSchema = z.object({
  takenAt: z.string(),
  target: z.string(),
  accountId: z.string(),
  auditId: z.string().optional(),
  accountProblem: z.string().optional(),
  role: z.union([knownRoleSchema, z.object({ state: z.literal('unreadable'), problem: z.string(), lastKnown: knownRoleSchema.optional() })]),
  regions: z.array(z.object({ code: z.string(), isReadable: z.boolean(), problem: z.string().optional(), content: watchedContentSchema.nullable() })),
}) satisfies z.ZodType<WatchSnapshot>;

const detailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

const changeRowSchema = z.object({
  key: z.string(),
  target: z.string(),
  account_id: z.string(),
  kind: z.enum(['role-recreated', 'task-added', 'blocker-removed', 'region-unreadable', 'account-unreadable', 'data-impact-added']),
  region: z.string(),
  subject: z.string(),
  summary: z.string(),
  details: z.string(),
  detected_at: z.string(),
  delivery: z.enum(['none', 'pending', 'sending', 'sent', 'failed']),
  delivery_attempts: z.number(),
  delivered_at: z.string().nullable(),
  delivery_error: z.string().nullable(),
});

function toStoredChange(row: unknown): StoredChange {
  const parsed = changeRowSchema.parse(row);
  return {
    key: parsed.key,
    target: parsed.target,
    kind: parsed.kind satisfies WatchChangeKind,
    accountId: parsed.account_id,
    region: parsed.region,
    subject: parsed.subject,
    summary: parsed.summary,
    details: detailsSchema.parse(JSON.parse(parsed.details)),
    detectedAt: parsed.detected_at,
    delivery: parsed.delivery,
    deliveryAttempts: parsed.delivery_attempts,
    deliveredAt: parsed.delivered_at,
    deliveryError: parsed.delivery_error,
  };
}

/** The watch's store over the dashboard's database (its tables are created by the database's migrations). */
export function createWatchStore(db: AtlasDatabase): WatchStore {
  const runSchema = z.object({
    target: z.string(),
    accountId: z.string(),
    ranAt: z.string(),
    everyMs: z.number().nullable(),
    source: z.enum(['cli', 'dashboard']),
    outcome: z.enum(['ok', 'first-run', 'failed']),
    changeCount: z.number(),
    message: z.string(),
    baselineLabel: z.string(),
    firstRanAt: z.string(),
  });

  return {
    getLastSnapshot(target, accountId) {
      const row = (
        accountId
          ? db.prepare('SELECT body FROM watch_snapshots WHERE target = ? AND account_id = ? ORDER BY seq DESC LIMIT 1').get(target, accountId)
          : db.prepare('SELECT body FROM watch_snapshots WHERE target = ? ORDER BY seq DESC LIMIT 1').get(target)
      ) as { body: string } | undefined;
      // One that cannot be read counts as none: the next run then starts a new baseline, as a first run does.
      return row ? parseStoredJson(row.body, snapshotSchema, `the watch's last snapshot of ${target} account ${accountId ?? '(any)'}`) : null;
    },
    saveSnapshot(snapshot) {
      inTransaction(db, () => {
        db.prepare('INSERT INTO watch_snapshots (target, account_id, taken_at, body) VALUES (?, ?, ?, ?)').run(
          snapshot.target,
          snapshot.accountId,
          snapshot.takenAt,
          JSON.stringify(snapshot),
        );
        db.prepare(
          `DELETE FROM watch_snapshots WHERE target = @target AND account_id = @account AND seq NOT IN
             (SELECT seq FROM watch_snapshots WHERE target = @target AND account_id = @account ORDER BY seq DESC LIMIT @kept)`,
        ).run({ target: snapshot.target, account: snapshot.accountId, kept: SNAPSHOTS_KEPT });
      });
    },
    hasChange(key) {
      return db.prepare('SELECT 1 FROM watch_changes WHERE key = ?').get(key) !== undefined;
    },
    addChange(change, { target, detectedAt, delivery }) {
      const result = db
        .prepare(
          `INSERT OR IGNORE INTO watch_changes (key, target, account_id, kind, region, subject, summary, details, detected_at, delivery)
           VALUES (@key, @target, @account, @kind, @region, @subject, @summary, @details, @detectedAt, @delivery)`,
        )
        .run({
          key: change.key,
          target,
          account: change.accountId,
          kind: change.kind,
          region: change.region,
          subject: change.subject,
          summary: change.summary,
          details: JSON.stringify(change.details),
          detectedAt,
          delivery,
        });
      return Number(result.changes) === 1;
    },
    listChanges({ target, accountId, since, limit = 100 }) {
      const { where, values } = buildWhere([
        { column: 'target', value: target },
        { column: 'account_id', value: accountId },
        { column: 'detected_at', value: since, operator: '>=' },
      ]);
      return db
        .prepare(`SELECT * FROM watch_changes ${where} ORDER BY detected_at DESC, rowid DESC LIMIT @limit`)
        .all({ ...values, limit: Math.max(1, Math.min(limit, 1000)) })
        .map(toStoredChange);
    },
    claimDelivery(key) {
      return Number(db.prepare(`UPDATE watch_changes SET delivery = 'sending' WHERE key = ? AND delivery IN ('pending', 'failed')`).run(key).changes) === 1;
    },
    finishDelivery(key, outcome) {
      db.prepare(
        `UPDATE watch_changes SET delivery = @delivery, delivery_attempts = delivery_attempts + @attempts,
           delivered_at = @deliveredAt, delivery_error = @error WHERE key = @key`,
      ).run({
        key,
        delivery: outcome.ok ? 'sent' : 'failed',
        attempts: outcome.attempts,
        deliveredAt: outcome.ok ? outcome.at : null,
        error: outcome.ok ? null : (outcome.error ?? 'failed'),
      });
    },
    listDeliverable(maxAttempts) {
      return db
        .prepare(`SELECT * FROM watch_changes WHERE delivery IN ('pending', 'failed') AND delivery_attempts < ? ORDER BY detected_at, rowid`)
        .all(maxAttempts)
        .map(toStoredChange);
    },
    recordRun(run) {
      inTransaction(db, () => {
        const previous = db.prepare(`SELECT json_extract(body, '$.firstRanAt') AS first FROM watch_runs WHERE target = ? AND account_id = ?`).get(run.target, run.accountId) as
          | { first: string | null }
          | undefined;
        const record: WatchRunRecord = { ...run, firstRanAt: previous?.first ?? run.ranAt };
        db.prepare('INSERT OR REPLACE INTO watch_runs (target, account_id, body) VALUES (?, ?, ?)').run(run.target, run.accountId, JSON.stringify(record));
      });
    },
    getLastRun(target, accountId) {
      const row = (
        accountId
          ? db.prepare('SELECT body FROM watch_runs WHERE target = ? AND account_id = ?').get(target, accountId)
          : db.prepare(`SELECT body FROM watch_runs WHERE target = ? ORDER BY json_extract(body, '$.ranAt') DESC LIMIT 1`).get(target)
      ) as { body: string } | undefined;
      return row ? runSchema.parse(JSON.parse(row.body)) : null;
    },
  };
}
