import 'server-only';
import { z } from 'zod';
import { getSettings } from '@/lib/config';
import { isAuditStale, markAuditStale, readStoredAudit, saveAudit, type AccountKey, type AuditSnapshot } from '@/lib/audit/store';
import type { AuditResult } from '@/lib/audit/types';
import type { OrgAuditResult } from '@/lib/org/types';
import { peekProcessValue, setProcessValue } from '@/lib/process-state';
import { getAtlasDatabase } from '@/lib/storage';
import { parseStoredJson } from '@/lib/storage/stored-json';

// The organization audit's records in the dashboard's database, shared by every process using the data directory
// (the dashboard and the command line): the last organization audit of the target, and each member account's full
// audit, kept beside the caller's own in the audits table (an audit is keyed by its target and account).

// What a stored organization audit must have to be shown at all; the rest is kept as the audit wrote it.
const storedOrgAuditSchema = z.looseObject({
  id: z.string().min(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  target: z.enum(['sandbox', 'aws']),
  structure: z.looseObject({ callerAccountId: z.string(), accounts: z.array(z.looseObject({ id: z.string() })), tree: z.array(z.unknown()) }),
  accounts: z.array(z.looseObject({ account: z.looseObject({ id: z.string() }), outcome: z.looseObject({ kind: z.string() }) })),
  verdict: z.looseObject({ kind: z.string() }),
});

const orgRowSchema = z.object({ audit: z.string(), saved_at: z.string() });

/** The last organization audit this process read or wrote, with the row's save time then. */
interface RememberedOrgAudit {
  target: string;
  savedAt: string;
  audit: OrgAuditResult | null;
}

export async function getLastOrgAudit(): Promise<OrgAuditResult | null> {
  const target = getSettings().ATLAS_TARGET;
  const db = getAtlasDatabase();
  const savedAt = db.prepare('SELECT saved_at FROM org_audits WHERE target = ?').get(target) as { saved_at?: unknown } | undefined;
  if (typeof savedAt?.saved_at !== 'string') return null;
  // An organization audit runs to megabytes: it is parsed again only once another write has replaced it.
  const memory = peekProcessValue<RememberedOrgAudit>('last-org-audit');
  if (memory && memory.target === target && memory.savedAt === savedAt.saved_at) return memory.audit;
  const row = orgRowSchema.safeParse(db.prepare('SELECT audit, saved_at FROM org_audits WHERE target = ?').get(target));
  if (!row.success) return null;
  // One that cannot be read counts as none: the next organization audit replaces it.
  const audit = parseStoredJson(row.data.audit, storedOrgAuditSchema, 'the stored organization audit') as OrgAuditResult | null;
  setProcessValue<RememberedOrgAudit>('last-org-audit', { target, savedAt: row.data.saved_at, audit });
  return audit;
}

export async function saveOrgAudit(audit: OrgAuditResult): Promise<void> {
  const savedAt = new Date().toISOString();
  getAtlasDatabase().prepare('INSERT OR REPLACE INTO org_audits (target, audit, saved_at) VALUES (?, ?, ?)').run(audit.target, JSON.stringify(audit), savedAt);
  setProcessValue<RememberedOrgAudit>('last-org-audit', { target: audit.target, savedAt, audit });
}

function getMemberKey(accountId: string): AccountKey {
  return { target: getSettings().ATLAS_TARGET, accountId };
}

/** Keeps one member account's full audit (findings included) from the last organization audit. */
export async function saveAccountAudit(accountId: string, audit: AuditResult): Promise<void> {
  if (audit.target.accountId !== accountId) throw new Error(`The audit of account ${audit.target.accountId} cannot be kept as account ${accountId}'s.`);
  // A fresh read of the account replaces what changed it since the previous one.
  await saveAudit(audit);
}

/**
 * Marks a member account's stored audit out of date after a change made in that account; only the first change
 * since the audit is named. Nothing happens when the account has no stored audit.
 */
export async function markAccountAuditStale(accountId: string, reason: string): Promise<void> {
  await markAuditStale(reason, getMemberKey(accountId));
}

/** A member account's full audit from the last organization audit, or null when it has none. */
export async function getAccountAudit(accountId: string): Promise<AuditResult | null> {
  return readStoredAudit(getAtlasDatabase(), getMemberKey(accountId))?.audit ?? null;
}

/**
 * A member account's audit shaped as the region pages read the caller's own: stale like it after 15 minutes, or
 * once something changed the account since.
 */
export async function getMemberAuditSnapshot(accountId: string, now = Date.now()): Promise<AuditSnapshot | null> {
  const stored = readStoredAudit(getAtlasDatabase(), getMemberKey(accountId));
  if (!stored) return null;
  if (stored.staleSince) return { ...stored, isStale: true };
  const isStale = isAuditStale(stored, now);
  return { audit: stored.audit, isStale, ...(isStale ? { staleReason: 'Read by an organization audit more than 15 minutes ago' } : {}) };
}
