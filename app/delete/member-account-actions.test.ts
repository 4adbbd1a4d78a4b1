import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditResult } from '@/lib/audit/types';
import type { OrgAuditResult } from '@/lib/org/types';
import { SESSION_COOKIE_NAME } from '@/lib/security/session';
import { createDemoLikeAudit, SAMPLE_ACCOUNT_ID } from '@/test-support/sample-audits';

// The wizard's actions in a member account of the organization: the account id they are given is checked on the
// server (malformed, outside the last organization audit, organization mode off, suspended, role not assumable:
// refused, recorded, and no AWS call made), ids to clean up must be in that account's own audit, and a deletion
// there is tracked under that account only. AWS clients are replaced by fakes that record every call.

const ACCESS_TOKEN = 'a-long-enough-access-token-for-the-tests-0123456789';
const CALLER = SAMPLE_ACCOUNT_ID;
const MEMBER = '222222222222';
const SUSPENDED = '333333333333';
const DENIED = '444444444444';
const OUTSIDE = '999999999999';
const MEMBER_SESSION_ARN = `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas-dashboard`;

const cookieJar = new Map<string, string>();
const recordAttempt = vi.fn(async (attempt: unknown) => attempt);
let isOrgMode = true;

/** Every AWS call any fake client received: the account it was made in (`own` for the caller's) and the command. */
const awsCalls: Array<{ account: string; command: string }> = [];

function fakeClients(account: string) {
  const client = {
    send: async (command: object) => {
      const name = command.constructor.name;
      awsCalls.push({ account, command: name });
      const $metadata = { requestId: `req-${awsCalls.length}` };
      if (name === 'GetRoleCommand') return { Role: { RoleId: `AROA${account}`, CreateDate: new Date('2026-01-01T00:00:00Z') }, $metadata };
      if (name === 'DeleteServiceLinkedRoleCommand') return { DeletionTaskId: `task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/${account}`, $metadata };
      return { $metadata };
    },
  };
  return new Proxy({}, { get: () => () => client });
}

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
  headers: async () => new Headers({ host: '127.0.0.1:3000' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('@/lib/activity/context', () => ({ recordAttempt }));
vi.mock('@/lib/config', async (importOriginal) => ({ ...(await importOriginal<object>()), isOrganizationMode: () => isOrgMode }));
vi.mock('@/lib/aws/sts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCallerIdentity: async () => ({ accountId: CALLER, arn: `arn:aws:iam::${CALLER}:user/admin`, userId: 'AIDA', partition: 'aws' }),
}));
const getMemberSession = vi.fn(async (accountId: string) => {
  if (accountId === DENIED) {
    const { AwsError } = await import('@/lib/aws/errors');
    throw new AwsError({ kind: 'access-denied', code: 'AccessDenied', message: 'User is not authorized to perform: sts:AssumeRole' });
  }
  return { accountId, roleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, assumedRoleArn: MEMBER_SESSION_ARN, credentials: {} };
});
vi.mock('@/lib/aws/clients', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getAwsClients: (memberAccountId?: string) => fakeClients(memberAccountId ?? 'own'),
  getMemberSession,
}));

process.env.ATLAS_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'atlas-member-actions-'));
const { deregisterTasksAction, moveTasksToRoleAction, removeInventoryAssociationAction } = await import('./cleanup-actions');
const { startDeletionAction, pollDeletionAction } = await import('./deletion-actions');
const { createServiceLinkedRoleAction } = await import('@/app/role/creation-actions');
const { saveAudit } = await import('@/lib/audit/store');
const { saveAccountAudit, saveOrgAudit } = await import('@/lib/org/store');
const { readTrackedDeletion } = await import('@/lib/deletion');
const { createSession } = await import('@/lib/security/session-register');

/** The demo-like audit moved to another account: the same task ids, with that account's ARNs. */
function auditOf(accountId: string): AuditResult {
  const audit = JSON.parse(JSON.stringify(createDemoLikeAudit()).replaceAll(CALLER, accountId)) as AuditResult;
  return { ...audit, id: `audit-${accountId}`, finishedAt: new Date().toISOString() };
}

function orgAccount(id: string, name: string, outcome: OrgAuditResult['accounts'][number]['outcome']) {
  const now = new Date().toISOString();
  return {
    account: { id, name, parentId: 'r-root', ouPath: [], isCaller: id === CALLER, status: outcome.kind === 'skipped' ? 'SUSPENDED' : 'ACTIVE' },
    outcome,
    role: { exists: true },
    startedAt: now,
    finishedAt: now,
    callCount: 0,
  };
}

beforeAll(async () => {
  const now = new Date().toISOString();
  const scanned = { kind: 'scanned', audit: {} } as unknown as OrgAuditResult['accounts'][number]['outcome'];
  await saveOrgAudit({
    id: 'org-audit-1',
    startedAt: now,
    finishedAt: now,
    target: 'sandbox',
    structure: { source: 'organizations', callerAccountId: CALLER, tree: [], accounts: [], warnings: [] },
    accounts: [
      orgAccount(CALLER, 'management', scanned),
      orgAccount(MEMBER, 'workloads', scanned),
      orgAccount(SUSPENDED, 'old', { kind: 'skipped', reason: 'the account is SUSPENDED' }),
      orgAccount(DENIED, 'invited', { kind: 'role-denied', error: { kind: 'access-denied', code: 'AccessDenied', message: 'denied' } }),
    ],
    verdict: { kind: 'unknown', unknownAccounts: [DENIED] },
  });
  await saveAudit({ ...createDemoLikeAudit(), finishedAt: new Date().toISOString() });
  await saveAccountAudit(MEMBER, auditOf(MEMBER));
});

beforeEach(() => {
  cookieJar.clear();
  recordAttempt.mockClear();
  getMemberSession.mockClear();
  awsCalls.length = 0;
  isOrgMode = true;
  vi.stubEnv('ATLAS_ACCESS_TOKEN', ACCESS_TOKEN);
  vi.stubEnv('ATLAS_READ_ONLY', '');
  cookieJar.set(SESSION_COOKIE_NAME, createSession(ACCESS_TOKEN));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const EAST_TASK = { region: 'us-east-1', windowId: 'mw-0a1b2c3d4e5f60001', windowTaskId: '11111111-1111-4111-8111-111111111111' };

/** Each action asked to act in `accountId`, as the browser would send it. */
function everyAction(accountId: string) {
  return [
    () => deregisterTasksAction({ accountId, tasks: [EAST_TASK], isConfirmed: true }),
    () => moveTasksToRoleAction({ accountId, roleArn: `arn:aws:iam::${MEMBER}:role/MaintenanceWindowRole`, tasks: [EAST_TASK], isConfirmed: true }),
    () => removeInventoryAssociationAction({ accountId, region: 'eu-west-1', associationId: '66666666-6666-4666-8666-666666666666', isConfirmed: true }),
    () => startDeletionAction({ accountId, confirmRoleName: 'AWSServiceRoleForAmazonSSM', hasAcknowledgedDataImpact: true }),
    () => pollDeletionAction({ accountId }),
    () => createServiceLinkedRoleAction({ accountId }),
  ];
}

async function expectEveryActionRefused(accountId: string, message: RegExp): Promise<void> {
  for (const action of everyAction(accountId)) {
    recordAttempt.mockClear();
    const result = await action();
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
    expect(recordAttempt).toHaveBeenCalledTimes(1);
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ result: 'refused' }));
  }
  expect(awsCalls).toEqual([]);
  expect((await readTrackedDeletion(MEMBER)).record).toBeNull();
}

describe('the account a wizard action is asked to act in', () => {
  it('refuses a malformed account id before anything else, changing nothing', async () => {
    await expectEveryActionRefused('12345', /Account id must be 12 digits/);
    expect(getMemberSession).not.toHaveBeenCalled();
  });

  it('refuses an account that is not in the last organization audit, changing nothing', async () => {
    await expectEveryActionRefused(OUTSIDE, new RegExp(`Account ${OUTSIDE} is not among the accounts of the last organization audit.*Nothing was changed`));
    expect(getMemberSession).not.toHaveBeenCalled();
  });

  it('refuses every member account when organization mode is off, changing nothing', async () => {
    isOrgMode = false;
    await expectEveryActionRefused(MEMBER, /Organization mode is off.*Nothing was changed/);
    expect(getMemberSession).not.toHaveBeenCalled();
  });

  it('refuses a suspended account, and one whose access role cannot be assumed, changing nothing', async () => {
    await expectEveryActionRefused(SUSPENDED, /Account old \(333333333333\) is not active.*Nothing was changed/);
    await expectEveryActionRefused(DENIED, /access role of account invited \(444444444444\) could not be assumed \(AccessDenied/);
  });

  it('records a refusal with the account that was asked for', async () => {
    await deregisterTasksAction({ accountId: OUTSIDE, tasks: [EAST_TASK], isConfirmed: true });
    expect(recordAttempt).toHaveBeenCalledWith(expect.objectContaining({ operation: 'DeregisterTaskFromMaintenanceWindow', result: 'refused', accountId: OUTSIDE }));
  });
});

describe('clean-up in a member account', () => {
  it('acts only on tasks of that account’s own audit, through that account’s clients, and records the account', async () => {
    const result = await deregisterTasksAction({ accountId: MEMBER, tasks: [EAST_TASK], isConfirmed: true });
    expect(result).toMatchObject({ ok: true, data: { outcomes: [{ key: `arn:aws:ssm:us-east-1:${MEMBER}:windowtask/${EAST_TASK.windowId}/${EAST_TASK.windowTaskId}`, ok: true }] } });
    expect(awsCalls).toEqual([{ account: MEMBER, command: 'DeregisterTaskFromMaintenanceWindowCommand' }]);
    expect(recordAttempt).toHaveBeenCalledWith(
      expect.objectContaining({ result: 'succeeded', accountId: MEMBER, subject: `arn:aws:ssm:us-east-1:${MEMBER}:windowtask/${EAST_TASK.windowId}/${EAST_TASK.windowTaskId}` }),
    );
  });

  it('refuses a task the member account’s audit does not list, even one the caller’s own audit has', async () => {
    const unknownTask = { region: 'us-east-1', windowId: 'mw-0a1b2c3d4e5f6ffff', windowTaskId: '11111111-1111-4111-8111-111111111111' };
    const result = await deregisterTasksAction({ accountId: MEMBER, tasks: [unknownTask], isConfirmed: true });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('is not in the last scan of this account') });
    expect(awsCalls).toEqual([]);
  });

  it('refuses to move a member account’s tasks to a role of another account', async () => {
    const result = await moveTasksToRoleAction({ accountId: MEMBER, roleArn: `arn:aws:iam::${CALLER}:role/MaintenanceWindowRole`, tasks: [EAST_TASK], isConfirmed: true });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(`not to the current account ${MEMBER}`) });
    expect(awsCalls).toEqual([]);
  });
});

describe('a deletion in a member account', () => {
  it('is sent through that account’s clients and tracked under that account only', async () => {
    const result = await startDeletionAction({ accountId: MEMBER, confirmRoleName: 'AWSServiceRoleForAmazonSSM', hasAcknowledgedDataImpact: true });
    expect(result.ok).toBe(true);
    expect(awsCalls.every((call) => call.account === MEMBER)).toBe(true);
    expect(awsCalls.map((call) => call.command)).toContain('DeleteServiceLinkedRoleCommand');
    expect(recordAttempt).toHaveBeenCalledWith(
      expect.objectContaining({ operation: 'DeleteServiceLinkedRole', result: 'succeeded', accountId: MEMBER, message: expect.stringContaining(`in account workloads (${MEMBER})`) }),
    );
    expect((await readTrackedDeletion(MEMBER)).record?.deletionTaskId).toContain(MEMBER);
    // The caller's own account has no deletion, and a poll there asks nothing of the member's task.
    expect((await readTrackedDeletion()).record).toBeNull();
    awsCalls.length = 0;
    expect(await pollDeletionAction()).toMatchObject({ ok: true, data: { record: null } });
    expect(awsCalls).toEqual([]);
  });
});
