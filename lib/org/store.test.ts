import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgAuditResult } from '@/lib/org/types';

// The last organization audit: kept on disk for every process sharing the data directory, and in this process's
// memory only while the file is unchanged.

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'atlas-org-store-'));
  // The app's settings are read once, on first use: set them before anything reads them.
  process.env.ATLAS_DATA_DIR = path.join(root, 'atlas');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function orgAudit(id: string): OrgAuditResult {
  return { id, accounts: [], structure: { roots: [], units: [], accounts: [] } } as unknown as OrgAuditResult;
}

describe('the last organization audit', () => {
  it('is none before the first, then the one saved, then one another process wrote over it', async () => {
    const { getLastOrgAudit, saveOrgAudit } = await import('@/lib/org/store');
    expect(await getLastOrgAudit()).toBeNull();

    await saveOrgAudit(orgAudit('first'));
    expect((await getLastOrgAudit())?.id).toBe('first');

    // The command line (another process) stores a newer audit in the same file.
    const file = path.join(root, 'atlas', 'org', 'last-org-audit.json');
    await writeFile(file, JSON.stringify(orgAudit('from-the-cli')));
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    expect((await getLastOrgAudit())?.id).toBe('from-the-cli');
  });

  it('answers from memory while the file is unchanged, and treats an unreadable file as none', async () => {
    const { getLastOrgAudit, saveOrgAudit } = await import('@/lib/org/store');
    await saveOrgAudit(orgAudit('kept'));
    const first = await getLastOrgAudit();
    expect(first?.id).toBe('kept');
    // The very object kept in memory, not a new parse of the file.
    expect(await getLastOrgAudit()).toBe(first);

    const file = path.join(root, 'atlas', 'org', 'last-org-audit.json');
    await writeFile(file, '{"id":');
    const later = new Date(Date.now() + 10_000);
    await utimes(file, later, later);
    expect(await getLastOrgAudit()).toBeNull();
  });
});
