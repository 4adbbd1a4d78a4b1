import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '@/lib/audit/types';
import { createDemoLikeAudit } from '@/test-support/sample-audits';

// A member account's stored audit goes stale once a change is made in that account, and fresh again when the
// next organization audit reads it.

process.env.ATLAS_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'atlas-org-store-'));
const { getMemberAuditSnapshot, markAccountAuditStale, saveAccountAudit } = await import('./store');

const MEMBER = '222222222222';

function memberAudit(): AuditResult {
  const audit = createDemoLikeAudit();
  return { ...audit, target: { ...audit.target, accountId: MEMBER }, finishedAt: new Date().toISOString() };
}

describe('a member account audit’s staleness', () => {
  it('is marked by the first change only, and cleared when the account is read again', async () => {
    await saveAccountAudit(MEMBER, memberAudit());
    expect(await getMemberAuditSnapshot(MEMBER)).toMatchObject({ isStale: false });

    await markAccountAuditStale(MEMBER, 'Tasks were deregistered after this scan');
    await markAccountAuditStale(MEMBER, 'The role was deleted after this scan');
    expect(await getMemberAuditSnapshot(MEMBER)).toMatchObject({ isStale: true, staleReason: 'Tasks were deregistered after this scan', staleSince: expect.any(String) });

    await saveAccountAudit(MEMBER, memberAudit());
    const fresh = await getMemberAuditSnapshot(MEMBER);
    expect(fresh).toMatchObject({ isStale: false });
    expect(fresh?.staleReason).toBeUndefined();
  });

  it('marks nothing for an account without a stored audit', async () => {
    const other = '333333333333';
    await markAccountAuditStale(other, 'A change');
    expect(await getMemberAuditSnapshot(other)).toBeNull();
    // Its first audit, stored later, is not stale for a change made before it.
    await saveAccountAudit(other, { ...memberAudit(), target: { ...memberAudit().target, accountId: other } });
    expect(await getMemberAuditSnapshot(other)).toMatchObject({ isStale: false });
  });
});
