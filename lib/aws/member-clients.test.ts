import { DescribeMaintenanceWindowsCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccountAccessRoleRecord, createServiceLinkedRoleRecord } from '@/sandbox/iam-model';
import { createTestAccount, createTestState, startTestSandbox, type TestSandbox } from '@/sandbox/test-support';

// Member-account clients through the real SDK against a multi-account sandbox: AssumeRole with the dashboard's
// session name, the external id, AccessDenied as a typed error, one AssumeRole per account while the session is
// fresh, and calls that act in the member account.

const MANAGEMENT = '123456789012';
const MEMBER = '210987654321';
const EXTERNAL_ID_MEMBER = '333344445555';
const NO_ROLE_MEMBER = '444455556666';
const EXTERNAL_ID = 'atlas-external-id-2026';
const CREATED = '2024-01-01T00:00:00.000Z';

let test: TestSandbox;

function createState() {
  const state = createTestState();
  const member = createTestAccount(MEMBER, { roles: [createAccountAccessRoleRecord({ accountId: MEMBER, trustedAccountId: MANAGEMENT, createDate: CREATED })] });
  member.regions['eu-west-1']!.windows['mw-0123456789abcdef0'] = {
    WindowId: 'mw-0123456789abcdef0',
    Name: 'member-patching',
    Enabled: true,
    Schedule: 'rate(7 days)',
    Duration: 2,
    Cutoff: 1,
    AllowUnassociatedTargets: false,
    CreatedDate: CREATED,
    ModifiedDate: CREATED,
    tasks: {},
  };
  state.accounts[MEMBER] = member;
  state.accounts[EXTERNAL_ID_MEMBER] = createTestAccount(EXTERNAL_ID_MEMBER, {
    roles: [
      createAccountAccessRoleRecord({ accountId: EXTERNAL_ID_MEMBER, trustedAccountId: MANAGEMENT, createDate: CREATED, externalId: EXTERNAL_ID }),
      createServiceLinkedRoleRecord(EXTERNAL_ID_MEMBER, CREATED),
    ],
  });
  state.accounts[NO_ROLE_MEMBER] = createTestAccount(NO_ROLE_MEMBER);
  return state;
}

async function loadClients(env: Record<string, string>): Promise<typeof import('./clients')> {
  vi.unstubAllEnvs();
  vi.stubEnv('ATLAS_TARGET', 'sandbox');
  vi.stubEnv('SANDBOX_PORT', String(test.sandbox.port));
  vi.stubEnv('ATLAS_MAX_ATTEMPTS', '1');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return import('./clients');
}

async function countAssumeRoleCalls(): Promise<number> {
  const { body } = await test.admin('GET', 'calls');
  return (body.calls as Array<{ operation: string }>).filter((call) => call.operation === 'AssumeRole').length;
}

beforeAll(async () => {
  test = await startTestSandbox({ state: createState() });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await test?.stop();
});

describe('member-account clients', () => {
  it('act in the member account as the assumed access role, named for the dashboard', async () => {
    const clients = await loadClients({ ATLAS_ORG: '1' });
    const session = await clients.getMemberSession(MEMBER);
    expect(session.roleArn).toBe(`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`);
    expect(session.assumedRoleArn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas-dashboard`);
    const identity = await clients.getAwsClients(MEMBER).sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(MEMBER);
    expect(identity.Arn).toBe(session.assumedRoleArn);
    const windows = await clients.getAwsClients(MEMBER).ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}));
    expect(windows.WindowIdentities?.map((window) => window.Name)).toEqual(['member-patching']);
    // The caller's own clients still act in the management account.
    expect((await clients.getAwsClients().sts().send(new GetCallerIdentityCommand({}))).Account).toBe(MANAGEMENT);
  });

  it('assumes the role once per account while its session is fresh', async () => {
    const clients = await loadClients({ ATLAS_ORG: '1' });
    await test.admin('DELETE', 'calls');
    const member = clients.getAwsClients(MEMBER);
    await Promise.all([member.sts().send(new GetCallerIdentityCommand({})), member.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}))]);
    await member.ssm('us-east-1').send(new DescribeMaintenanceWindowsCommand({}));
    await clients.getMemberSession(MEMBER);
    expect(await countAssumeRoleCalls()).toBe(1);
  });

  it('reports a missing access role or a missing external id as access denied, and succeeds with the external id', async () => {
    const withoutId = await loadClients({ ATLAS_ORG: '1' });
    for (const accountId of [NO_ROLE_MEMBER, EXTERNAL_ID_MEMBER]) {
      const failure = await withoutId.getMemberSession(accountId).catch((error: unknown) => error);
      expect(failure).toMatchObject({ name: 'AwsError', kind: 'access-denied', code: 'AccessDenied', httpStatus: 403 });
      expect((failure as Error).message).toContain(`arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`);
    }
    const withId = await loadClients({ ATLAS_ORG: '1', ATLAS_ORG_EXTERNAL_ID: EXTERNAL_ID });
    const identity = await withId.getAwsClients(EXTERNAL_ID_MEMBER).sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(EXTERNAL_ID_MEMBER);
  });

  it('pools every member account’s connections in one HTTP handler, and keeps the caller’s clients apart', async () => {
    const clients = await loadClients({ ATLAS_ORG: '1' });
    const handlerOf = (client: { config: unknown }) => (client.config as { requestHandler: unknown }).requestHandler;
    const member = handlerOf(clients.getAwsClients(MEMBER).ssm('eu-west-1'));
    expect(handlerOf(clients.getAwsClients(EXTERNAL_ID_MEMBER).iam())).toBe(member);
    expect(handlerOf(clients.getAwsClients(MEMBER).sts())).toBe(member);
    expect(handlerOf(clients.getAwsClients().ssm('eu-west-1'))).not.toBe(member);
    // Released clients are made again on the next use, with the same pooled handler.
    const before = clients.getAwsClients(MEMBER);
    clients.releaseMemberClients(MEMBER);
    const after = clients.getAwsClients(MEMBER);
    expect(after).not.toBe(before);
    expect(handlerOf(after.ssm('eu-west-1'))).toBe(member);
    const windows = await after.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}));
    expect(windows.WindowIdentities?.map((window) => window.Name)).toEqual(['member-patching']);
  });

  it('assumes the role named by ATLAS_ORG_ROLE_NAME', async () => {
    const clients = await loadClients({ ATLAS_ORG: '1', ATLAS_ORG_ROLE_NAME: 'AtlasReadOnly' });
    const failure = await clients.getMemberSession(MEMBER).catch((error: unknown) => error);
    expect((failure as Error).message).toContain(`arn:aws:iam::${MEMBER}:role/AtlasReadOnly`);
  });
});
