import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createSessionValue, SESSION_COOKIE_NAME } from '@/lib/security/session';

// The action pipeline: which refusals, successes and failures reach the activity log, what the caller gets back,
// and when the audit is marked stale. The real guard decides, with the request's cookies, the recorder and the
// audit store replaced.

const ACCESS_TOKEN = 'a-long-enough-access-token-for-the-tests-0123456789';
const cookieJar = new Map<string, string>();
const recordAttempt = vi.fn(async (attempt: unknown) => attempt);

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
  headers: async () => new Headers({ host: '127.0.0.1:3000' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('@/lib/activity/context', () => ({ recordAttempt }));
const markAuditStale = vi.fn(async (reason: string) => reason);
vi.mock('@/lib/audit/store', () => ({ markAuditStale, getLastAudit: async () => null, getAuditSnapshot: async () => null }));
const markAccountAuditStale = vi.fn(async (accountId: string, reason: string) => [accountId, reason]);
vi.mock('@/lib/org/store', () => ({ markAccountAuditStale, getLastOrgAudit: async () => null, getMemberAuditSnapshot: async () => null }));

// Sessions are checked against the server's register, kept here in a directory of the test's own.
process.env.ATLAS_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'atlas-actions-'));
const { createSession } = await import('@/lib/security/session-register');
const { startDeletionAction } = await import('@/app/delete/deletion-actions');
const { updateRoleDescriptionAction } = await import('@/app/role/description-actions');
const { defineAction } = await import('@/lib/actions/define-action');
const { AwsError } = await import('@/lib/aws/errors');

function signIn(): void {
  cookieJar.set(SESSION_COOKIE_NAME, createSession(ACCESS_TOKEN));
}

beforeEach(() => {
  cookieJar.clear();
  recordAttempt.mockClear();
  markAuditStale.mockClear();
  markAccountAuditStale.mockClear();
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

const renameSchema = z.object({ name: z.string().min(1, { error: 'Give a name.' }).max(20) });

function defineRename(run: (name: string) => Promise<{ requestId?: string }>) {
  return defineAction(
    {
      operation: 'RenameThing',
      schema: renameSchema,
      mutates: true,
      subject: (input) => ({ region: 'eu-west-1', name: input?.name ?? 'thing', accountId: '210987654321', parameters: input ? { Name: input.name } : {} }),
      staleReason: 'A thing was renamed after this scan',
      describeFailure: (failure) => (failure.kind === 'not-found' ? 'That thing is gone.' : undefined),
    },
    async ({ name }) => ({ ok: true, data: { name }, message: `Renamed to ${name}.`, ...(await run(name)) }),
  );
}

describe('sessions the server no longer knows', () => {
  it('refuses a correctly signed cookie that the register never issued (or that sign-out ended), recording nothing', async () => {
    cookieJar.set(SESSION_COOKIE_NAME, createSessionValue(ACCESS_TOKEN));
    expect(await updateRoleDescriptionAction({ description: 'x' })).toMatchObject({ ok: false, message: expect.stringContaining('Sign in') });
    signIn();
    const { endAllSessions } = await import('@/lib/security/session-register');
    endAllSessions();
    expect(await updateRoleDescriptionAction({ description: 'x' })).toMatchObject({ ok: false, message: expect.stringContaining('Sign in') });
    expect(recordAttempt).not.toHaveBeenCalled();
  });
});

describe('an action built with defineAction', () => {
  beforeEach(signIn);

  it('records a success with its request id and the account acted on, marks the audit stale and answers with the data', async () => {
    const rename = defineRename(async () => ({ requestId: 'req-1' }));
    expect(await rename({ name: 'blue' })).toEqual({ ok: true, data: { name: 'blue' } });
    expect(recordAttempt).toHaveBeenCalledTimes(1);
    expect(recordAttempt).toHaveBeenCalledWith({
      operation: 'RenameThing',
      region: 'eu-west-1',
      subject: 'blue',
      accountId: '210987654321',
      parameters: { Name: 'blue' },
      result: 'succeeded',
      message: 'Renamed to blue.',
      requestId: 'req-1',
    });
    // The audit marked stale is that of the account the change was made in, never the caller's own.
    expect(markAuditStale).toHaveBeenCalledTimes(1);
    expect(markAuditStale).toHaveBeenCalledWith('A thing was renamed after this scan', { target: 'sandbox', accountId: '210987654321' });
    expect(markAccountAuditStale).toHaveBeenCalledWith('210987654321', 'A thing was renamed after this scan');
  });

  it('turns a thrown AWS error into one failure (never ok: true around a failure), chosen by its kind, and records it', async () => {
    const gone = defineRename(async () => {
      throw new AwsError({ kind: 'not-found', code: 'NoSuchEntity', message: 'The thing cannot be found.', requestId: 'req-2' });
    });
    expect(await gone({ name: 'blue' })).toEqual({ ok: false, message: 'That thing is gone.' });
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ result: 'failed', message: 'That thing is gone.', requestId: 'req-2' }));

    const denied = defineRename(async () => {
      throw new AwsError({ kind: 'access-denied', code: 'AccessDenied', message: 'Not allowed.', requestId: 'req-3' });
    });
    expect(await denied({ name: 'blue' })).toEqual({ ok: false, message: 'AccessDenied: Not allowed. (request id req-3)' });
    expect(markAuditStale).not.toHaveBeenCalled();
  });

  it('refuses invalid input with field errors, records the refusal and runs nothing', async () => {
    const run = vi.fn(async () => ({}));
    const rename = defineRename(run);
    expect(await rename({ name: '' })).toEqual({ ok: false, message: expect.any(String), fieldErrors: { name: ['Give a name.'] } });
    expect(run).not.toHaveBeenCalled();
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ operation: 'RenameThing', result: 'refused', subject: 'thing' }));
  });

  it('takes a FormData as well as an object', async () => {
    const form = new FormData();
    form.set('name', 'green');
    expect(await defineRename(async () => ({}))(form)).toEqual({ ok: true, data: { name: 'green' } });
  });

  it('refuses in read-only mode before parsing or running anything', async () => {
    vi.stubEnv('ATLAS_READ_ONLY', '1');
    const run = vi.fn(async () => ({}));
    expect(await defineRename(run)({ name: 'blue' })).toMatchObject({ ok: false, message: expect.stringContaining('read-only') });
    expect(run).not.toHaveBeenCalled();
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ result: 'refused' }));
  });

  it('records each item of a batch, and no summary; one failure does not stop the others', async () => {
    const renameAll = defineAction(
      { operation: 'RenameThing', schema: z.object({ names: z.array(z.string()) }), mutates: true, subject: { region: 'multiple', name: 'things' }, staleReason: 'Renamed' },
      async ({ names }, context) => {
        const outcomes = [];
        for (const name of names) {
          outcomes.push(
            await context.runItem({
              key: name,
              subject: { name },
              run: async () => {
                if (name === 'bad') throw new AwsError({ kind: 'throttled', code: 'ThrottlingException', message: 'Slow down.' });
                return { requestId: `req-${name}` };
              },
              successMessage: 'Renamed.',
              isTransient: (failure) => failure.kind === 'throttled',
            }),
          );
        }
        return { ok: true, data: outcomes };
      },
    );
    const result = await renameAll({ names: ['a', 'bad', 'c'] });
    expect(result).toEqual({
      ok: true,
      data: [
        { key: 'a', ok: true, message: 'Renamed.', requestId: 'req-a' },
        { key: 'bad', ok: false, message: 'ThrottlingException: Slow down.', isTransient: true },
        { key: 'c', ok: true, message: 'Renamed.', requestId: 'req-c' },
      ],
    });
    expect(recordAttempt.mock.calls.map(([attempt]) => [(attempt as { subject: string }).subject, (attempt as { result: string }).result])).toEqual([
      ['a', 'succeeded'],
      ['bad', 'failed'],
      ['c', 'succeeded'],
    ]);
    expect(markAuditStale).toHaveBeenCalledTimes(1);
  });
});
