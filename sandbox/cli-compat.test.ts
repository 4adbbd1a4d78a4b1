import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAME } from '../lib/role/constants';
import { awsCliMajor, awsCliPath } from '../scripts/test-setup.mjs';
import { getOrgAccessRoleArn, ORG_ACCOUNTS, ORG_EXTERNAL_ID, ORG_SCENARIO_ACCOUNTS } from './scenarios/org-facts';
import { createTestState, sleep, startTestSandbox, type TestSandbox } from './test-support';

// The Debian AWS CLI v2 (botocore) against the sandbox: proof that the sandbox speaks the real wire protocols
// to a client other than the JavaScript SDK.

// `npm test` installs Debian's AWS CLI v2 before anything runs (scripts/test-setup.mjs); its absence is a failure.
const AWS_CLI = awsCliPath();

const ROLE_ARN = `arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/${ROLE_NAME}`;
const WINDOW_ID = 'mw-0123456789abcdef0';
const TASK_ID = '11111111-1111-4111-8111-111111111111';
const execFileAsync = promisify(execFile);

let harness: TestSandbox;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CLI output is plain JSON checked field by field
async function awsAt(url: string, credentials: Record<string, string>, args: string[], region = 'us-east-1'): Promise<any> {
  const { stdout } = await execFileAsync(AWS_CLI, ['--endpoint-url', url, '--region', region, '--output', 'json', ...args], {
    // Only what the CLI needs: no profile or credentials from the environment running the tests.
    env: {
      NODE_ENV: 'test',
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      AWS_ACCESS_KEY_ID: 'AKIATESTSANDBOX00001',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
      ...credentials,
    },
    timeout: 30_000,
  });
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CLI output is plain JSON checked field by field
async function aws(...args: string[]): Promise<any> {
  return awsAt(harness.sandbox.url, {}, args);
}

describe('AWS CLI v2 against the sandbox', () => {
  it('drives the AWS CLI v2 itself, not an older CLI', () => {
    expect(awsCliMajor(AWS_CLI)).toBe(2);
  });

  beforeAll(async () => {
    harness = await startTestSandbox({
      state: createTestState({ tasks: [{ region: 'us-east-1', windowId: WINDOW_ID, windowTaskId: TASK_ID }] }),
      timings: { startDelayMs: 0, decideDelayMs: 200, purgeAfterMs: 600_000 },
    });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('iam get-role returns the role with its trust policy decoded into JSON', async () => {
    const { Role } = await aws('iam', 'get-role', '--role-name', ROLE_NAME);
    expect(Role.Arn).toBe(ROLE_ARN);
    expect(Role.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(Role.CreateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
  });

  it('iam list-attached-role-policies lists AmazonSSMServiceRolePolicy', async () => {
    const output = await aws('iam', 'list-attached-role-policies', '--role-name', ROLE_NAME);
    expect(output.AttachedPolicies).toEqual([
      { PolicyName: 'AmazonSSMServiceRolePolicy', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonSSMServiceRolePolicy' },
    ]);
  });

  it('iam get-policy-version returns the decoded v16 document', async () => {
    const { PolicyVersion } = await aws(
      'iam',
      'get-policy-version',
      '--policy-arn',
      'arn:aws:iam::aws:policy/aws-service-role/AmazonSSMServiceRolePolicy',
      '--version-id',
      'v16',
    );
    expect(PolicyVersion.IsDefaultVersion).toBe(true);
    expect(PolicyVersion.Document.Statement).toHaveLength(24);
  });

  it('ssm describe-maintenance-windows and describe-maintenance-window-tasks read the windows', async () => {
    const windows = await aws('ssm', 'describe-maintenance-windows');
    expect(windows.WindowIdentities.map((window: { WindowId: string }) => window.WindowId)).toEqual([WINDOW_ID]);
    const tasks = await aws('ssm', 'describe-maintenance-window-tasks', '--window-id', WINDOW_ID);
    expect(tasks.Tasks).toHaveLength(1);
    expect(tasks.Tasks[0]).toMatchObject({ WindowId: WINDOW_ID, WindowTaskId: TASK_ID, Type: 'RUN_COMMAND' });
    expect(tasks.Tasks[0].ServiceRoleArn).toBeUndefined();
  });

  it('iam delete-service-linked-role and get-service-linked-role-deletion-status report the blocked deletion', async () => {
    const { DeletionTaskId } = await aws('iam', 'delete-service-linked-role', '--role-name', ROLE_NAME);
    expect(DeletionTaskId).toMatch(/^task\/aws-service-role\/ssm\.amazonaws\.com\/AWSServiceRoleForAmazonSSM\//);
    await sleep(250);
    const status = await aws('iam', 'get-service-linked-role-deletion-status', '--deletion-task-id', DeletionTaskId);
    expect(status.Status).toBe('FAILED');
    expect(status.Reason.RoleUsageList).toEqual([
      { Region: 'us-east-1', Resources: [`arn:aws:ssm:us-east-1:123456789012:windowtask/${WINDOW_ID}/${TASK_ID}`] },
    ]);
  });

  it('cloudtrail lookup-events finds the deletion request by event name, with its CloudTrail record', async () => {
    const output = await aws(
      'cloudtrail',
      'lookup-events',
      '--lookup-attributes',
      'AttributeKey=EventName,AttributeValue=DeleteServiceLinkedRole',
      '--max-results',
      '5',
    );
    expect(output.Events).toHaveLength(1);
    const [event] = output.Events;
    expect(event).toMatchObject({ EventName: 'DeleteServiceLinkedRole', EventSource: 'iam.amazonaws.com', Username: 'sandbox-admin', ReadOnly: 'false' });
    expect(event.Resources).toContainEqual({ ResourceType: 'AWS::IAM::Role', ResourceName: ROLE_ARN });
    const record = JSON.parse(event.CloudTrailEvent);
    expect(record).toMatchObject({ eventName: 'DeleteServiceLinkedRole', awsRegion: 'us-east-1', requestParameters: { roleName: ROLE_NAME } });
  });
}, 120_000);

describe('AWS CLI v2 against the org scenario', () => {
  let org: TestSandbox;

  beforeAll(async () => {
    org = await startTestSandbox({ scenario: 'org' });
  });

  afterAll(async () => {
    await org?.stop();
  });

  it('organizations list-accounts follows every page and lists each account with its Status', async () => {
    // Debian's CLI model predates the account `State` member, so it shows the deprecated `Status` only.
    const { Accounts } = await awsAt(org.sandbox.url, {}, ['organizations', 'list-accounts']);
    const listed = (Accounts as Array<{ Id: string; Name: string; Status: string }>).map((account) => [account.Id, account.Name, account.Status]);
    expect(listed.sort()).toEqual(ORG_SCENARIO_ACCOUNTS.map((account) => [account.id, account.name, account.state]).sort());
  });

  it('sts assume-role returns credentials that act in the member account, with the external id where required', async () => {
    const facts = ORG_ACCOUNTS.externalId;
    const roleArn = getOrgAccessRoleArn(facts.id);
    const assumed = await awsAt(org.sandbox.url, {}, ['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'cli-check', '--external-id', ORG_EXTERNAL_ID]);
    expect(assumed.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${facts.id}:assumed-role/OrganizationAccountAccessRole/cli-check`);
    expect(Date.parse(assumed.Credentials.Expiration)).toBeGreaterThan(Date.now());
    const identity = await awsAt(
      org.sandbox.url,
      {
        AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId,
        AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey,
        AWS_SESSION_TOKEN: assumed.Credentials.SessionToken,
      },
      ['sts', 'get-caller-identity'],
    );
    expect(identity).toMatchObject({ Account: facts.id, Arn: assumed.AssumedRoleUser.Arn });
    const denied = await awsAt(org.sandbox.url, {}, ['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'cli-check']).catch(
      (error: { stderr?: string }) => error.stderr ?? '',
    );
    expect(denied).toMatch(/An error occurred \(AccessDenied\) when calling the AssumeRole operation( \(reached max retries: 0\))?: /);
    expect(denied).toContain(`User: arn:aws:iam::123456789012:user/sandbox-admin is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  });
});

describe('AWS CLI v2 against the govcloud scenario (aws-us-gov)', () => {
  let gov: TestSandbox;
  const govRoleArn = `arn:aws-us-gov:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/${ROLE_NAME}`;

  beforeAll(async () => {
    gov = await startTestSandbox({ scenario: 'govcloud' });
  });

  afterAll(async () => {
    await gov?.stop();
  });

  it('answers --region us-gov-west-1 with GovCloud ARNs and regions', async () => {
    const identity = await awsAt(gov.sandbox.url, {}, ['sts', 'get-caller-identity'], 'us-gov-west-1');
    expect(identity.Arn).toBe('arn:aws-us-gov:iam::123456789012:user/sandbox-admin');
    const { Role } = await awsAt(gov.sandbox.url, {}, ['iam', 'get-role', '--role-name', ROLE_NAME], 'us-gov-west-1');
    expect(Role.Arn).toBe(govRoleArn);
    const { Regions } = await awsAt(gov.sandbox.url, {}, ['ec2', 'describe-regions', '--all-regions'], 'us-gov-west-1');
    expect((Regions as Array<{ RegionName: string }>).map((region) => region.RegionName).sort()).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    const { WindowIdentities } = await awsAt(gov.sandbox.url, {}, ['ssm', 'describe-maintenance-windows'], 'us-gov-east-1');
    expect((WindowIdentities as Array<{ Name: string }>).map((window) => window.Name)).toEqual(['restart-app-servers']);
  });

  it('refuses the GovCloud account a call signed for a commercial region', async () => {
    const refused = await awsAt(gov.sandbox.url, {}, ['iam', 'get-role', '--role-name', ROLE_NAME], 'us-east-1').catch((error: { stderr?: string }) => error.stderr ?? '');
    expect(refused).toMatch(/An error occurred \(InvalidClientTokenId\) when calling the GetRole operation/);
  });
});
