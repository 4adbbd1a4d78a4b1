import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE_NAME } from '@/lib/security/session';

// The deletion's guards that come before any AWS call, with the request's cookies and the recorder replaced.

const ACCESS_TOKEN = 'a-long-enough-access-token-for-the-tests-0123456789';
const cookieJar = new Map<string, string>();
const recordAttempt = vi.fn(async (attempt: unknown) => attempt);

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
  headers: async () => new Headers({ host: '127.0.0.1:3000' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('@/lib/activity/context', () => ({ recordAttempt }));

// An empty data directory: no audit is stored. Settings are read once, so this is set before anything reads them.
process.env.ATLAS_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'atlas-deletion-actions-'));

const { startDeletionAction } = await import('./deletion-actions');
// A session the server issued (and so knows in its register).
const { createSession } = await import('@/lib/security/session-register');

beforeEach(() => {
  cookieJar.clear();
  recordAttempt.mockClear();
  vi.stubEnv('ATLAS_ACCESS_TOKEN', ACCESS_TOKEN);
  vi.stubEnv('ATLAS_READ_ONLY', '');
  cookieJar.set(SESSION_COOKIE_NAME, createSession(ACCESS_TOKEN));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the data-impact acknowledgement', () => {
  it('is required when no audit is stored: the impact is unknown, and nothing is deleted without it', async () => {
    const result = await startDeletionAction({ confirmRoleName: 'AWSServiceRoleForAmazonSSM', hasAcknowledgedDataImpact: false });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('No audit is stored') });
    expect(recordAttempt).toHaveBeenCalledTimes(1);
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ operation: 'DeleteServiceLinkedRole', result: 'refused' }));
  });
});
