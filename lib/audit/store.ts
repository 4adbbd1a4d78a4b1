import 'server-only';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AuditResult } from '@/lib/audit/types';
import { getSettings } from '@/lib/config';

// Keeps the last finished audit: on disk (written atomically), shared with every process using the same data
// directory (the dashboard and the command line), and in memory for as long as the file is unchanged.

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

const memoryKey = Symbol.for('ssm-role-atlas.last-audit');
interface AuditMemory {
  file: string;
  /** The file's modification time when it was read (null: no file); another process writing it changes it. */
  modifiedMs: number | null;
  stored: StoredAudit | null;
}
type GlobalWithAudit = typeof globalThis & { [memoryKey]?: AuditMemory };

function getAuditFile(): string {
  return path.join(getSettings().ATLAS_DATA_DIR, 'audit', 'last-audit.json');
}

async function getModifiedMs(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

function setMemory(file: string, modifiedMs: number | null, stored: StoredAudit | null): void {
  (globalThis as GlobalWithAudit)[memoryKey] = { file, modifiedMs, stored };
}

async function readStored(): Promise<StoredAudit | null> {
  const file = getAuditFile();
  // Taken before reading: a write in between leaves a newer time on disk, so the next read reads again.
  const modifiedMs = await getModifiedMs(file);
  const memory = (globalThis as GlobalWithAudit)[memoryKey];
  if (memory && memory.file === file && memory.modifiedMs === modifiedMs) return memory.stored;
  let stored: StoredAudit | null = null;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as StoredAudit;
    stored = parsed && typeof parsed === 'object' && parsed.audit?.id ? parsed : null;
  } catch (error) {
    // A missing file means no audit yet; an unreadable one is treated the same way (the next scan rewrites it).
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn('[atlas] the stored audit could not be read:', error);
  }
  setMemory(file, modifiedMs, stored);
  return stored;
}

async function writeStored(stored: StoredAudit): Promise<void> {
  const file = getAuditFile();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(stored));
  setMemory(file, await getModifiedMs(file), stored);
}

export async function saveAudit(audit: AuditResult): Promise<void> {
  await writeStored({ audit });
}

export async function getLastAudit(): Promise<AuditResult | null> {
  return (await readStored())?.audit ?? null;
}

export function isAuditStale(stored: StoredAudit, now = Date.now()): boolean {
  return stored.staleSince !== undefined || now - Date.parse(stored.audit.finishedAt) > AUDIT_STALE_AFTER_MS;
}

/** The last audit with whether it is stale and why. */
export async function getAuditSnapshot(now = Date.now()): Promise<AuditSnapshot | null> {
  const stored = await readStored();
  if (!stored) return null;
  const isStale = isAuditStale(stored, now);
  const staleReason =
    stored.staleReason ?? (isStale ? `Scanned more than ${AUDIT_STALE_AFTER_MS / 60_000} minutes ago` : undefined);
  return { ...stored, isStale, staleReason };
}

/** Call after any change to the account (a task moved or removed, the role deleted or created). */
export async function markAuditStale(reason = 'The account changed after this scan'): Promise<void> {
  const stored = await readStored();
  if (!stored || stored.staleSince) return;
  await writeStored({ ...stored, staleSince: new Date().toISOString(), staleReason: reason });
}
