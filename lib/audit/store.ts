import 'server-only';
import { z } from 'zod';
import type { AuditResult } from '@/lib/audit/types';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getSettings } from '@/lib/config';
import { getAtlasDatabase, type AtlasDatabase } from '@/lib/storage';
import { parseStoredJson } from '@/lib/storage/stored-json';

// Keeps the last finished audit of each account in the dashboard's database, with whether something changed the
// account since. Reads default to the caller's account on the configured target.

/** After this long an audit is shown as stale: the account may have changed since. */
export const AUDIT_STALE_AFTER_MS = 15 * 60 * 1000;

export interface StoredAudit {
  audit: AuditResult;
  /** Set when something changed the account after the scan (e.g. the wizard moved or removed a task). */
  staleSince?: string;
  staleReason?: string;
}

export interface AuditSnapshot extends StoredAudit {
  isStale: boolean;
}

/** Whose audit: a target and an account in it. */
export interface AccountKey {
  target: string;
  accountId: string;
}

// What a stored audit must have to be shown at all; the region details are kept as the scanner wrote them.
const storedAuditSchema = z.looseObject({
  id: z.string().min(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  target: z.looseObject({ target: z.enum(['sandbox', 'aws']), accountId: z.string(), callerArn: z.string(), partition: z.string() }),
  roleArn: z.string(),
  roleExists: z.boolean(),
  regions: z.array(z.looseObject({ region: z.looseObject({ code: z.string() }), status: z.looseObject({ kind: z.string() }), findings: z.unknown() })),
  verdict: z.looseObject({ kind: z.string() }),
});

const rowSchema = z.object({ audit: z.string(), stale_since: z.string().nullable(), stale_reason: z.string().nullable() });

/** The caller's account on the configured target, or null when the caller cannot be identified. */
async function getDefaultKey(): Promise<AccountKey | null> {
  try {
    return { target: getSettings().ATLAS_TARGET, accountId: (await getCallerIdentity()).accountId };
  } catch {
    return null;
  }
}

/** The stored audit of `key` in `db`, validated; an unreadable one counts as none (the next scan replaces it). */
export function readStoredAudit(db: AtlasDatabase, key: AccountKey): StoredAudit | null {
  const row = rowSchema.safeParse(db.prepare('SELECT audit, stale_since, stale_reason FROM audits WHERE target = ? AND account_id = ?').get(key.target, key.accountId));
  if (!row.success) return null;
  const audit = parseStoredJson(row.data.audit, storedAuditSchema, `the stored audit of ${key.target} account ${key.accountId}`);
  if (!audit) return null;
  return {
    audit: audit as unknown as AuditResult,
    ...(row.data.stale_since ? { staleSince: row.data.stale_since } : {}),
    ...(row.data.stale_reason ? { staleReason: row.data.stale_reason } : {}),
  };
}

/** Stores `audit` as the last one of its own account, replacing the previous one and its staleness. */
export function writeStoredAudit(db: AtlasDatabase, audit: AuditResult): void {
  db.prepare('INSERT OR REPLACE INTO audits (target, account_id, audit, stale_since, stale_reason, saved_at) VALUES (?, ?, ?, NULL, NULL, ?)').run(
    audit.target.target,
    audit.target.accountId,
    JSON.stringify(audit),
    new Date().toISOString(),
  );
}

export async function saveAudit(audit: AuditResult): Promise<void> {
  writeStoredAudit(getAtlasDatabase(), audit);
}

async function readStored(key?: AccountKey): Promise<StoredAudit | null> {
  const resolved = key ?? (await getDefaultKey());
  return resolved ? readStoredAudit(getAtlasDatabase(), resolved) : null;
}

export async function getLastAudit(key?: AccountKey): Promise<AuditResult | null> {
  return (await readStored(key))?.audit ?? null;
}

export function isAuditStale(stored: StoredAudit, now = Date.now()): boolean {
  return stored.staleSince !== undefined || now - Date.parse(stored.audit.finishedAt) > AUDIT_STALE_AFTER_MS;
}

/** The last audit with whether it is stale and why. */
export async function getAuditSnapshot(now = Date.now(), key?: AccountKey): Promise<AuditSnapshot | null> {
  const stored = await readStored(key);
  if (!stored) return null;
  const isStale = isAuditStale(stored, now);
  const staleReason =
    stored.staleReason ?? (isStale ? `Scanned more than ${AUDIT_STALE_AFTER_MS / 60_000} minutes ago` : undefined);
  return { ...stored, isStale, staleReason };
}

/** Call after any change to the account (a task moved or removed, the role deleted or created). */
export async function markAuditStale(reason = 'The account changed after this scan', key?: AccountKey): Promise<void> {
  const resolved = key ?? (await getDefaultKey());
  if (!resolved) return;
  // Only the first change since the scan is named: it is the one that made the audit out of date.
  getAtlasDatabase()
    .prepare('UPDATE audits SET stale_since = ?, stale_reason = ? WHERE target = ? AND account_id = ? AND stale_since IS NULL')
    .run(new Date().toISOString(), reason, resolved.target, resolved.accountId);
}
