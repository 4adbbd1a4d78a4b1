import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand, UpdateRoleDescriptionCommand } from '@aws-sdk/client-iam';
import { DescribeMaintenanceWindowsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountAccessRoleRecord, createRoleRecord, createServiceLinkedRoleRecord } from '../iam-model';
import {
  captureError,
  createClientConfig,
  createManualClock,
  createTestAccount,
  createTestState,
  OPTED_IN_TEST_REGION,
  startTestSandbox,
  type TestCredentials,
  type TestSandbox,
} from '../test-support';
import type { SandboxState } from '../types';

// AssumeRole and per-account credentials, driven through the real SDK clients: which account each call acts in,
// the trust policy and external id, AWS's validation and its AccessDenied answer.

const MANAGEMENT = '123456789012';
const MEMBER = '210987654321';
const EXTERNAL_ID_MEMBER = '333344445555';
const EXTERNAL_ID = 'atlas-external-id-2026';
const UNTRUSTING_MEMBER = '444455556666';
const CALLER_ARN = `arn:aws:iam::${MANAGEMENT}:user/sandbox-admin`;
const CREATED = '2024-01-01T00:00:00.000Z';

function accessRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`;
}

/** The management account with the service-linked role; three members, one with a maintenance window. */
function createMultiAccountState(nowMs: number): SandboxState {
  const state = createTestState({ nowMs });
  const member = createTestAccount(MEMBER, {
    roles: [createAccountAccessRoleRecord({ accountId: MEMBER, trustedAccountId: MANAGEMENT, createDate: CREATED })],
    isOptedIn: false,
  });
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
  // An access role that trusts some other account, not the management account, and a role that trusts only the
  // first member's access role (for role chaining).
  state.accounts[UNTRUSTING_MEMBER] = createTestAccount(UNTRUSTING_MEMBER, {
    roles: [
      createAccountAccessRoleRecord({ accountId: UNTRUSTING_MEMBER, trustedAccountId: '999999999999', createDate: CREATED }),
      createRoleRecord({
        accountId: UNTRUSTING_MEMBER,
        roleName: 'AtlasAuditRole',
        createDate: CREATED,
        maxSessionDuration: 43_200,
        assumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: accessRoleArn(MEMBER) }, Action: 'sts:AssumeRole' }],
        }),
      }),
    ],
  });
  return state;
}

describe('STS AssumeRole and per-account credentials', () => {
  let sandbox: TestSandbox | undefined;
  const clock = createManualClock(Date.parse('2026-06-01T12:00:00.000Z'));

  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  async function start(): Promise<TestSandbox> {
    sandbox = await startTestSandbox({ state: createMultiAccountState(clock.now()), clock: clock.now });
    return sandbox;
  }

  function clientsFor(test: TestSandbox, credentials: TestCredentials, region = 'us-east-1') {
    const config = createClientConfig(test.sandbox.url, region, credentials);
    return { sts: new STSClient(config), iam: new IAMClient(config), ssm: new SSMClient(config) };
  }

  async function assume(test: TestSandbox, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }): Promise<TestCredentials> {
    const output = await test.sts.send(new AssumeRoleCommand({ RoleSessionName: 'ssm-role-atlas', ...input }));
    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) throw new Error('AssumeRole returned no credentials');
    return { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken };
  }

  it('gives the base keys to the management account administrator', async () => {
    const test = await start();
    const identity = await test.sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: MANAGEMENT, Arn: CALLER_ARN, UserId: 'AIDASANDBOXADMINUSER1' });
  });

  it('returns session credentials, their expiration and the assumed-role user', async () => {
    const test = await start();
    const output = await test.sts.send(
      new AssumeRoleCommand({ RoleArn: accessRoleArn(MEMBER), RoleSessionName: 'ssm-role-atlas', DurationSeconds: 900 }),
    );
    expect(output.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(output.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(output.Credentials?.SessionToken?.length).toBeGreaterThan(20);
    expect(output.Credentials?.Expiration?.toISOString()).toBe('2026-06-01T12:15:00.000Z');
    expect(output.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas`);
    const state = (await test.admin('GET', 'state')).body as SandboxState;
    const roleId = state.accounts[MEMBER]!.iam.roles.OrganizationAccountAccessRole!.roleId;
    expect(output.AssumedRoleUser?.AssumedRoleId).toBe(`${roleId}:ssm-role-atlas`);
  });

  it('changes nothing in the state when it hands out credentials (CloudTrail counts AssumeRole as a read)', async () => {
    const test = await start();
    const before = JSON.stringify((await test.admin('GET', 'state')).body);
    await assume(test, { RoleArn: accessRoleArn(MEMBER) });
    await assume(test, { RoleArn: accessRoleArn(EXTERNAL_ID_MEMBER), ExternalId: EXTERNAL_ID });
    expect(JSON.stringify((await test.admin('GET', 'state')).body)).toBe(before);
  });

  it('acts in the member account with the assumed credentials, and only there', async () => {
    const test = await start();
    const member = clientsFor(test, await assume(test, { RoleArn: accessRoleArn(MEMBER) }), 'eu-west-1');
    const identity = await member.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(MEMBER);
    expect(identity.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas`);

    // The management account has the service-linked role and no windows; the member has a window and no role.
    const windows = await member.ssm.send(new DescribeMaintenanceWindowsCommand({}));
    expect(windows.WindowIdentities?.map((window) => window.Name)).toEqual(['member-patching']);
    const missing = await captureError(member.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForAmazonSSM' })));
    expect(missing.name).toBe('NoSuchEntityException');
    const own = await test.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForAmazonSSM' }));
    expect(own.Role?.Arn).toBe(`arn:aws:iam::${MANAGEMENT}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`);
    const managementWindows = await test.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}));
    expect(managementWindows.WindowIdentities).toEqual([]);

    // A change made with the member's credentials lands in the member account.
    await member.iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'OrganizationAccountAccessRole', Description: 'changed by the member' }));
    const state = (await test.admin('GET', 'state')).body as SandboxState;
    expect(state.accounts[MEMBER]!.iam.roles.OrganizationAccountAccessRole!.description).toBe('changed by the member');
    expect(state.accounts[MANAGEMENT]!.iam.roles.OrganizationAccountAccessRole).toBeUndefined();

    // The call log names the account each call acted in.
    const calls = (await test.admin('GET', 'calls')).body.calls as Array<{ operation: string; accountId?: string }>;
    expect(calls.filter((call) => call.operation === 'UpdateRoleDescription').map((call) => call.accountId)).toEqual([MEMBER]);
    expect(calls.filter((call) => call.operation === 'AssumeRole').map((call) => call.accountId)).toEqual([MANAGEMENT]);
  });

  it('uses the member account’s own enabled regions', async () => {
    const test = await start();
    const member = clientsFor(test, await assume(test, { RoleArn: accessRoleArn(MEMBER) }), OPTED_IN_TEST_REGION);
    const error = await captureError(member.ssm.send(new DescribeMaintenanceWindowsCommand({})));
    expect(error.name).toBe('UnrecognizedClientException');
    const managementWindows = await test.ssm(OPTED_IN_TEST_REGION).send(new DescribeMaintenanceWindowsCommand({}));
    expect(managementWindows.WindowIdentities).toEqual([]);
  });

  it('simulates the member access role from its AdministratorAccess policy', async () => {
    const test = await start();
    const member = clientsFor(test, await assume(test, { RoleArn: accessRoleArn(MEMBER) }));
    const output = await member.iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: accessRoleArn(MEMBER), ActionNames: ['iam:DeleteServiceLinkedRole'] }),
    );
    expect(output.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
    const user = await captureError(
      member.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${MEMBER}:user/sandbox-admin`, ActionNames: ['iam:GetRole'] })),
    );
    expect(user.name).toBe('NoSuchEntityException');
  });

  it('answers AccessDenied (403) with AWS’s message when the role is absent or does not trust the caller', async () => {
    const test = await start();
    for (const roleArn of [
      `arn:aws:iam::${MEMBER}:role/NoSuchRole`,
      `arn:aws:iam::${UNTRUSTING_MEMBER}:role/OrganizationAccountAccessRole`,
      `arn:aws:iam::${MEMBER}:role/some/path/OrganizationAccountAccessRole`,
      'arn:aws:iam::777788889999:role/OrganizationAccountAccessRole',
      `arn:aws:iam::${EXTERNAL_ID_MEMBER}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`,
    ]) {
      const error = await captureError(test.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'atlas' })));
      expect(error.name).toBe('AccessDenied');
      expect(error.$metadata?.httpStatusCode).toBe(403);
      expect(error.message).toBe(`User: ${CALLER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    }
  });

  it('requires the external id the trust policy asks for', async () => {
    const test = await start();
    const roleArn = accessRoleArn(EXTERNAL_ID_MEMBER);
    for (const externalId of [undefined, 'another-external-id', EXTERNAL_ID.toUpperCase()]) {
      const error = await captureError(test.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'atlas', ExternalId: externalId })));
      expect(error.name).toBe('AccessDenied');
      expect(error.$metadata?.httpStatusCode).toBe(403);
    }
    const member = clientsFor(test, await assume(test, { RoleArn: roleArn, ExternalId: EXTERNAL_ID }));
    const role = await member.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForAmazonSSM' }));
    expect(role.Role?.Arn).toContain(`arn:aws:iam::${EXTERNAL_ID_MEMBER}:role/`);
    // An external id the role does not ask for is ignored.
    await expect(assume(test, { RoleArn: accessRoleArn(MEMBER), ExternalId: 'unused-id' })).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it('checks RoleSessionName, DurationSeconds, ExternalId and RoleArn as AWS does', async () => {
    const test = await start();
    const roleArn = accessRoleArn(MEMBER);
    const cases: Array<[Partial<AssumeRoleCommandInput>, string]> = [
      [{ RoleSessionName: 'a' }, "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"],
      [{ RoleSessionName: 'x'.repeat(65) }, 'Member must have length less than or equal to 64'],
      [{ RoleSessionName: 'has space' }, "Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern"],
      [{ DurationSeconds: 899 }, "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"],
      [{ DurationSeconds: 43_201 }, 'Member must have value less than or equal to 43200'],
      [{ ExternalId: 'x' }, "at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2"],
      [{ DurationSeconds: 7200 }, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'],
      [{ RoleArn: 'not-an-arn-at-all-really' }, 'not-an-arn-at-all-really is invalid'],
      [{ RoleArn: 'short' }, "at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"],
    ];
    for (const [override, message] of cases) {
      const error = await captureError(test.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'atlas', ...override })));
      expect(error.name).toBe('ValidationError');
      expect(error.$metadata?.httpStatusCode).toBe(400);
      expect(error.message).toContain(message);
    }
    const longest = await test.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'a.b@c=d,e+f-g_h', DurationSeconds: 3600 }));
    expect(longest.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/a.b@c=d,e+f-g_h`);
  });

  it('refuses expired, forged and incomplete session credentials', async () => {
    const test = await start();
    const credentials = await assume(test, { RoleArn: accessRoleArn(MEMBER), DurationSeconds: 900 });
    const forged = clientsFor(test, { ...credentials, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' });
    expect((await captureError(forged.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    const withoutToken = clientsFor(test, { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey });
    expect((await captureError(withoutToken.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');

    clock.advance(900_000);
    const expired = clientsFor(test, credentials, 'eu-west-1');
    const stsError = await captureError(expired.sts.send(new GetCallerIdentityCommand({})));
    expect(stsError.name).toBe('ExpiredToken');
    expect(stsError.$metadata?.httpStatusCode).toBe(403);
    expect((await captureError(expired.ssm.send(new DescribeMaintenanceWindowsCommand({})))).name).toBe('ExpiredTokenException');
  });

  it('lets an assumed role chain into a role that trusts it, for at most one hour', async () => {
    const test = await start();
    const chainedRoleArn = `arn:aws:iam::${UNTRUSTING_MEMBER}:role/AtlasAuditRole`;
    const chained = clientsFor(test, await assume(test, { RoleArn: accessRoleArn(MEMBER) }));
    const tooLong = await captureError(chained.sts.send(new AssumeRoleCommand({ RoleArn: chainedRoleArn, RoleSessionName: 'chain', DurationSeconds: 7200 })));
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    const output = await chained.sts.send(new AssumeRoleCommand({ RoleArn: chainedRoleArn, RoleSessionName: 'chain' }));
    expect(output.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${UNTRUSTING_MEMBER}:assumed-role/AtlasAuditRole/chain`);
    // The management account's user is not named by that trust policy.
    expect((await captureError(test.sts.send(new AssumeRoleCommand({ RoleArn: chainedRoleArn, RoleSessionName: 'direct' })))).name).toBe('AccessDenied');
  });

  it('applies a fault to the one account it targets', async () => {
    const test = await start();
    const member = clientsFor(test, await assume(test, { RoleArn: accessRoleArn(MEMBER) }), 'eu-west-1');
    await test.admin('POST', 'faults', { faults: [{ service: 'ssm', accountId: MEMBER, accessDenied: true }] });
    const error = await captureError(member.ssm.send(new DescribeMaintenanceWindowsCommand({})));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain(`User: arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas is not authorized`);
    await expect(test.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}))).resolves.toMatchObject({ WindowIdentities: [] });
  });
});
