import 'server-only';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { z } from 'zod';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { getSettings } from '@/lib/config';
import { isAuditStale, type AuditSnapshot } from '@/lib/audit/store';
import type { AuditResult } from '@/lib/audit/types';
import type { OrgAuditResult } from '@/lib/org/types';
import { peekProcessValue, setProcessValue } from '@/lib/process-state';

// Keeps the last finished organization audit on disk, shared by every process using the data directory (the
// dashboard and the command line), and in memory for as long as the file is unchanged.

/** The last organization audit read or written by this process, with the file's modification time then. */
interface RememberedOrgAudit {
  file: string;
  modifiedMs: number | null;
  audit: OrgAuditResult | null;
}

async function getModifiedMs(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

function getOrgAuditFile(): string {
  return path.join(getSettings().ATLAS_DATA_DIR, 'org', 'last-org-audit.json');
}

function isOrgAuditResult(value: unknown): value is OrgAuditResult {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<OrgAuditResult>;
  return typeof candidate.id === 'string' && Array.isArray(candidate.accounts) && typeof candidate.structure === 'object';
}

export async function getLastOrgAudit(): Promise<OrgAuditResult | null> {
  const file = getOrgAuditFile();
  // Taken before reading: another process's write leaves a newer time, so the next read reads again.
  const modifiedMs = await getModifiedMs(file);
  const memory = peekProcessValue<RememberedOrgAudit>('last-org-audit');
  if (memory && memory.file === file && memory.modifiedMs === modifiedMs) return memory.audit;
  let audit: OrgAuditResult | null = null;
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    audit = isOrgAuditResult(parsed) ? parsed : null;
  } catch (error) {
    // No file yet means no audit; an unreadable one is treated the same way (the next audit rewrites it).
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn('[atlas] the stored organization audit could not be read:', error);
  }
  setProcessValue<RememberedOrgAudit>('last-org-audit', { file, modifiedMs, audit });
  return audit;
}

export async function saveOrgAudit(audit: OrgAuditResult): Promise<void> {
  const file = getOrgAuditFile();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(audit));
  setProcessValue<RememberedOrgAudit>('last-org-audit', { file, modifiedMs: await getModifiedMs(file), audit });
}

const ACCOUNT_ID = /^\d{12}$/;

function getAccountAuditFile(accountId: string): string {
  // The id names a file: only a 12-digit account id may.
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`Not an account id: ${accountId}`);
  return path.join(getSettings().ATLAS_DATA_DIR, 'org', 'accounts', `${accountId}.json`);
}

/** Beside a member account's audit: what changed the account after it was read (by the delete wizard). */
function getAccountStaleFile(accountId: string): string {
  return getAccountAuditFile(accountId).replace(/\.json$/, '.stale.json');
}

const staleMarkSchema = z.object({ staleSince: z.string(), staleReason: z.string() });

/** Keeps one member account's full audit (findings included) from the last organization audit. */
export async function saveAccountAudit(accountId: string, audit: AuditResult): Promise<void> {
  const file = getAccountAuditFile(accountId);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(audit));
  // A fresh read of the account replaces what changed it since the previous one.
  await rm(getAccountStaleFile(accountId), { force: true });
}

/**
 * Marks a member account's stored audit out of date after a change made in that account; only the first change
 * since the audit is named. Nothing happens when the account has no stored audit.
 */
export async function markAccountAuditStale(accountId: string, reason: string): Promise<void> {
  if ((await getModifiedMs(getAccountAuditFile(accountId))) === null) return;
  const staleFile = getAccountStaleFile(accountId);
  if ((await getModifiedMs(staleFile)) !== null) return;
  await writeFileAtomic(staleFile, JSON.stringify({ staleSince: new Date().toISOString(), staleReason: reason }));
}

async function getAccountStaleMark(accountId: string): Promise<z.infer<typeof staleMarkSchema> | null> {
  try {
    const parsed = staleMarkSchema.safeParse(JSON.parse(await readFile(getAccountStaleFile(accountId), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A member account's full audit from the last organization audit, or null when it has none. */
export async function getAccountAudit(accountId: string): Promise<AuditResult | null> {
  try {
    const parsed = JSON.parse(await readFile(getAccountAuditFile(accountId), 'utf8')) as AuditResult;
    return parsed && typeof parsed === 'object' && parsed.target?.accountId === accountId ? parsed : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn('[atlas] a stored account audit could not be read:', error);
    return null;
  }
}

/**
 * A member account's audit shaped as the region pages read the caller's own: stale like it after 15 minutes, or
 * once something changed the account since.
 */
export async function getMemberAuditSnapshot(accountId: string, now = Date.now()): Promise<AuditSnapshot | null> {
  const audit = await getAccountAudit(accountId);
  if (!audit) return null;
  const mark = await getAccountStaleMark(accountId);
  if (mark) return { audit, isStale: true, staleSince: mark.staleSince, staleReason: mark.staleReason };
  const isStale = isAuditStale({ audit }, now);
  return { audit, isStale, ...(isStale ? { staleReason: 'Read by an organization audit more than 15 minutes ago' } : {}) };
}
