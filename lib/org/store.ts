import 'server-only';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { getSettings } from '@/lib/config';
import type { OrgAuditResult } from '@/lib/org/types';

// Keeps the last finished organization audit on disk, shared by every process using the data directory (the
// dashboard and the command line), and in memory for as long as the file is unchanged.

const memoryKey = Symbol.for('ssm-role-atlas.last-org-audit');
type GlobalWithOrgAudit = typeof globalThis & { [memoryKey]?: { file: string; modifiedMs: number | null; audit: OrgAuditResult | null } };

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
  const holder = globalThis as GlobalWithOrgAudit;
  // Taken before reading: another process's write leaves a newer time, so the next read reads again.
  const modifiedMs = await getModifiedMs(file);
  const memory = holder[memoryKey];
  if (memory && memory.file === file && memory.modifiedMs === modifiedMs) return memory.audit;
  let audit: OrgAuditResult | null = null;
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    audit = isOrgAuditResult(parsed) ? parsed : null;
  } catch (error) {
    // No file yet means no audit; an unreadable one is treated the same way (the next audit rewrites it).
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn('[atlas] the stored organization audit could not be read:', error);
  }
  holder[memoryKey] = { file, modifiedMs, audit };
  return audit;
}

export async function saveOrgAudit(audit: OrgAuditResult): Promise<void> {
  const file = getOrgAuditFile();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(audit));
  (globalThis as GlobalWithOrgAudit)[memoryKey] = { file, modifiedMs: await getModifiedMs(file), audit };
}
