import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionValue, SESSION_COOKIE_NAME } from '@/lib/security/session';

// Which refusals of the wizard's actions reach the activity log: the real guard decides, with the request's
// cookies and the recorder replaced.

const ACCESS_TOKEN = 'a-long-enough-access-token-for-the-tests-0123456789';
const cookieJar = new Map<string, string>();
const recordAttempt = vi.fn(async (attempt: unknown) => attempt);

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('@/lib/activity/context', () => ({ recordAttempt }));

const { startDeletionAction, updateRoleDescriptionAction } = await import('./actions');

function signIn(): void {
  cookieJar.set(SESSION_COOKIE_NAME, createSessionValue(ACCESS_TOKEN));
}

beforeEach(() => {
  cookieJar.clear();
  recordAttempt.mockClear();
  vi.stubEnv('ATLAS_ACCESS_TOKEN', ACCESS_TOKEN);
  vi.stubEnv('ATLAS_READ_ONLY', '');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('refused wizard actions and the activity log', () => {
  it('records nothing when access control is on and there is no session', async () => {
    const result = await startDeletionAction({ confirmRoleName: 'AWSServiceRoleForAmazonSSM', hasAcknowledgedDataImpact: true });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('Sign in') });
    const edit = await updateRoleDescriptionAction({ description: 'x' });
    expect(edit.ok).toBe(false);
    expect(recordAttempt).not.toHaveBeenCalled();
  });

  it('records nothing for a forged or expired session cookie either', async () => {
    cookieJar.set(SESSION_COOKIE_NAME, createSessionValue('another-token-another-token-another-token'));
    expect((await startDeletionAction({ confirmRoleName: 'AWSServiceRoleForAmazonSSM', hasAcknowledgedDataImpact: true })).ok).toBe(false);
    cookieJar.set(SESSION_COOKIE_NAME, createSessionValue(ACCESS_TOKEN, Date.now() - 13 * 60 * 60 * 1000));
    expect((await startDeletionAction({ confirmRoleName: 'AWSServiceRoleForAmazonSSM', hasAcknowledgedDataImpact: true })).ok).toBe(false);
    expect(recordAttempt).not.toHaveBeenCalled();
  });

  it('records the refusal of a signed-in visitor in read-only mode', async () => {
    vi.stubEnv('ATLAS_READ_ONLY', '1');
    signIn();
    const result = await startDeletionAction({ confirmRoleName: 'AWSServiceRoleForAmazonSSM', hasAcknowledgedDataImpact: true });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('read-only') });
    expect(recordAttempt).toHaveBeenCalledTimes(1);
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ operation: 'DeleteServiceLinkedRole', result: 'refused', message: expect.stringContaining('read-only') }));
  });

  it('records the refusal of invalid input from a signed-in visitor, and in read-only mode without access control', async () => {
    signIn();
    expect((await startDeletionAction({ confirmRoleName: 42 })).ok).toBe(false);
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ operation: 'DeleteServiceLinkedRole', result: 'refused' }));

    recordAttempt.mockClear();
    cookieJar.clear();
    vi.stubEnv('ATLAS_ACCESS_TOKEN', '');
    vi.stubEnv('ATLAS_READ_ONLY', '1');
    expect((await updateRoleDescriptionAction({ description: 'x' })).ok).toBe(false);
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ operation: 'UpdateRole', result: 'refused', message: expect.stringContaining('read-only') }));
  });
});
