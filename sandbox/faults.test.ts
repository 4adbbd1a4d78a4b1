import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DeleteGroupCommand, ListGroupsCommand, ResourceGroupsClient } from '@aws-sdk/client-resource-groups';
import { ResourceGroupsTaggingAPIClient, UntagResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  AccessDeniedException,
  DeregisterTaskFromMaintenanceWindowCommand,
  DescribeMaintenanceWindowsCommand,
  DescribeMaintenanceWindowTasksCommand,
  InternalServerError,
  SSMClient,
  TooManyUpdates,
} from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { ROLE_NAME } from '../lib/role/constants';
import { readSandboxEnv } from './config';
import { FaultInjector, parseFaultList } from './faults';
import { captureError, createClientConfig, createTestState, startTestSandbox, type TestSandbox } from './test-support';

const WINDOW_ID = 'mw-0123456789abcdef0';
const WINDOW_TASK_ID = '11111111-1111-4111-8111-111111111111';

let harness: TestSandbox | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(): Promise<TestSandbox> {
  harness = await startTestSandbox({ state: createTestState({ tasks: [{ region: 'us-east-1', windowId: WINDOW_ID, windowTaskId: WINDOW_TASK_ID }] }) });
  return harness;
}

async function setFaults(sandbox: TestSandbox, faults: unknown[]): Promise<void> {
  const response = await sandbox.admin('POST', 'faults', { faults });
  expect(response.status).toBe(200);
}

describe('fault injection through the wire', () => {
  it('adds latency to matching calls only', async () => {
    const sandbox = await start();
    await setFaults(sandbox, [{ service: 'ssm', region: 'us-east-1', latencyMs: 1_000 }]);
    let startedAt = performance.now();
    await sandbox.ssm('us-east-1').send(new DescribeMaintenanceWindowsCommand({}));
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(990);
    startedAt = performance.now();
    await sandbox.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}));
    expect(performance.now() - startedAt).toBeLessThan(900);
    const calls = (await sandbox.admin('GET', 'calls')).body.calls;
    expect(calls[0].latencyMs).toBeGreaterThanOrEqual(990);
    expect(calls[1].latencyMs).toBeLessThan(900);
  });

  it('throttles with a token bucket, in each service’s own error', async () => {
    const sandbox = await start();
    await setFaults(sandbox, [{ throttle: { ratePerSecond: 0.001, burst: 2 } }]);
    const ssm = sandbox.ssm('us-east-1');
    await ssm.send(new DescribeMaintenanceWindowsCommand({}));
    await ssm.send(new DescribeMaintenanceWindowsCommand({}));
    const ssmError = await captureError(ssm.send(new DescribeMaintenanceWindowsCommand({})));
    expect(ssmError.name).toBe('ThrottlingException');
    expect(ssmError.message).toBe('Rate exceeded');
    // Buckets are per region: another region still has its burst.
    await sandbox.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}));

    await setFaults(sandbox, [{ throttle: { ratePerSecond: 0, burst: 0 } }]);
    const iamError = await captureError(sandbox.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })));
    expect(iamError.name).toBe('Throttling');
    expect(iamError.$metadata?.httpStatusCode).toBe(400);
    const ec2Error = await captureError(sandbox.ec2('us-east-1').send(new DescribeRegionsCommand({})));
    expect(ec2Error.name).toBe('RequestLimitExceeded');
    const groups = new ResourceGroupsClient(createClientConfig(sandbox.sandbox.url));
    const groupsError = await captureError(groups.send(new ListGroupsCommand({})));
    expect(groupsError.name).toBe('TooManyRequestsException');
    expect(groupsError.$metadata?.httpStatusCode).toBe(429);
    groups.destroy();
  });

  it('fails a share of calls with 500s', async () => {
    const sandbox = await start();
    await setFaults(sandbox, [{ errorRate: 1, operation: 'DescribeMaintenanceWindows' }, { errorRate: 1, service: 'iam' }]);
    const ssmError = await captureError(sandbox.ssm('us-east-1').send(new DescribeMaintenanceWindowsCommand({})));
    expect(ssmError).toBeInstanceOf(InternalServerError);
    expect(ssmError.$metadata?.httpStatusCode).toBe(500);
    const iamError = await captureError(sandbox.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })));
    expect(iamError.name).toBe('ServiceFailureException');
    expect(iamError.$metadata?.httpStatusCode).toBe(500);
    // Other operations are untouched.
    await sandbox.ssm('us-east-1').send(new DescribeMaintenanceWindowTasksCommand({ WindowId: WINDOW_ID }));
  });

  it('leaves hung calls unanswered without blocking others, and releases them on close', async () => {
    const sandbox = await start();
    await setFaults(sandbox, [{ service: 'ssm', region: 'us-east-1', hang: true }]);
    const impatient = new SSMClient({ ...createClientConfig(sandbox.sandbox.url), requestHandler: { requestTimeout: 400, throwOnRequestTimeout: true } });
    const startedAt = performance.now();
    const hung = captureError(impatient.send(new DescribeMaintenanceWindowsCommand({})));
    // Meanwhile other calls are answered at once.
    await sandbox.sts.send(new GetCallerIdentityCommand({}));
    await sandbox.ssm('eu-west-1').send(new DescribeMaintenanceWindowsCommand({}));
    const error = await hung;
    expect(error.name).toMatch(/TimeoutError|RequestTimeout/);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(390);
    impatient.destroy();

    const patient = new SSMClient(createClientConfig(sandbox.sandbox.url));
    const waiting = captureError(patient.send(new DescribeMaintenanceWindowsCommand({})));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closeStartedAt = performance.now();
    await sandbox.stop();
    harness = undefined;
    expect(performance.now() - closeStartedAt).toBeLessThan(2_000);
    expect((await waiting).message).toBeTruthy();
    patient.destroy();
  });

  it('refuses clean-up calls while Systems Manager is busy with the role, and lets reads through', async () => {
    const sandbox = await start();
    await setFaults(sandbox, [{ busy: true }]);
    const ssm = sandbox.ssm('us-east-1');
    const error = await captureError(ssm.send(new DeregisterTaskFromMaintenanceWindowCommand({ WindowId: WINDOW_ID, WindowTaskId: WINDOW_TASK_ID })));
    expect(error).toBeInstanceOf(TooManyUpdates);
    expect(error.message).toContain('Systems Manager is using the service-linked role AWSServiceRoleForAmazonSSM in us-east-1');
    const tasks = await ssm.send(new DescribeMaintenanceWindowTasksCommand({ WindowId: WINDOW_ID }));
    expect(tasks.Tasks).toHaveLength(1);
    const tagging = new ResourceGroupsTaggingAPIClient(createClientConfig(sandbox.sandbox.url));
    const untag = await captureError(tagging.send(new UntagResourcesCommand({ ResourceARNList: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'], TagKeys: ['a'] })));
    expect(untag.name).toBe('ConcurrentModificationException');
    tagging.destroy();
    const groups = new ResourceGroupsClient(createClientConfig(sandbox.sandbox.url));
    const deleteGroup = await captureError(groups.send(new DeleteGroupCommand({ Group: 'patch-group' })));
    expect(deleteGroup.name).toBe('ConflictException');
    expect(deleteGroup.$metadata?.httpStatusCode).toBe(409);
    groups.destroy();

    await sandbox.admin('POST', 'faults', { clear: true });
    await ssm.send(new DeregisterTaskFromMaintenanceWindowCommand({ WindowId: WINDOW_ID, WindowTaskId: WINDOW_TASK_ID }));
    expect((await ssm.send(new DescribeMaintenanceWindowTasksCommand({ WindowId: WINDOW_ID }))).Tasks).toEqual([]);
  });

  it('denies access in each wire form', async () => {
    const sandbox = await start();
    await setFaults(sandbox, [{ accessDenied: true, service: 'ssm' }, { accessDenied: true, service: 'iam', operation: 'GetRole' }]);
    const ssmError = await captureError(sandbox.ssm('us-east-1').send(new DescribeMaintenanceWindowsCommand({})));
    expect(ssmError).toBeInstanceOf(AccessDeniedException);
    expect(ssmError.message).toContain('is not authorized to perform: ssm:DescribeMaintenanceWindows');
    const iamError = await captureError(sandbox.iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })));
    expect(iamError.name).toBe('AccessDenied');
    expect(iamError.$metadata?.httpStatusCode).toBe(403);
    const faults = (await sandbox.admin('GET', 'faults')).body.faults;
    expect(faults).toHaveLength(2);
  });

  it('starts with faults given to startSandbox', async () => {
    harness = await startTestSandbox({ state: createTestState(), faults: [{ service: 'iam', errorRate: 1 }] });
    const iam = new IAMClient(createClientConfig(harness.sandbox.url));
    expect((await captureError(iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })))).$metadata?.httpStatusCode).toBe(500);
    iam.destroy();
  });
});

describe('fault specifications', () => {
  it('parses SANDBOX_FAULTS and rejects bad specs with the field named', () => {
    const settings = readSandboxEnv({ SANDBOX_FAULTS: '[{"service":"ssm","region":"eu-west-1","latencyMs":200,"jitterMs":50}]' });
    expect(parseFaultList(settings.faultsJson)).toEqual([{ service: 'ssm', region: 'eu-west-1', latencyMs: 200, jitterMs: 50 }]);
    expect(() => parseFaultList('[{"service":"s3"}]')).toThrow(/service/);
    expect(() => parseFaultList('[{"latencyMs":-1}]')).toThrow(/latencyMs/);
    expect(() => parseFaultList('not json')).toThrow(/not valid JSON/);
    expect(() => parseFaultList([{ hang: true, colour: 'red' }])).toThrow(/colour/);
  });

  it('refills the token bucket at the configured rate', () => {
    const injector = new FaultInjector([{ throttle: { ratePerSecond: 2, burst: 1 } }]);
    const call = { service: 'ssm' as const, operation: 'DescribeMaintenanceWindows', region: 'us-east-1', accountId: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/sandbox-admin' };
    expect(injector.plan(call, 0).error).toBeUndefined();
    expect(injector.plan(call, 100).error?.code).toBe('ThrottlingException');
    expect(injector.plan(call, 600).error).toBeUndefined();
  });

  it('targets one account, with a token bucket per account', () => {
    const injector = new FaultInjector([
      { accountId: '210987654321', throttle: { ratePerSecond: 0, burst: 1 } },
      { accountId: '111122223333', accessDenied: true },
    ]);
    const callIn = (accountId: string) => ({
      service: 'ssm' as const,
      operation: 'DescribeMaintenanceWindows',
      region: 'us-east-1',
      accountId,
      callerArn: `arn:aws:sts::${accountId}:assumed-role/OrganizationAccountAccessRole/atlas`,
    });
    expect(injector.plan(callIn('210987654321'), 0).error).toBeUndefined();
    expect(injector.plan(callIn('210987654321'), 0).error?.code).toBe('ThrottlingException');
    expect(injector.plan(callIn('123456789012'), 0).error).toBeUndefined();
    expect(injector.plan(callIn('123456789012'), 0).error).toBeUndefined();
    const denied = injector.plan(callIn('111122223333'), 0).error;
    expect(denied?.code).toBe('AccessDeniedException');
    expect(denied?.message).toContain('User: arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/atlas is not authorized');
    expect(() => parseFaultList([{ accountId: '1234' }])).toThrow(/accountId: an account id is 12 digits/);
  });

  it('adds jitter within its bound and applies errorRate as a probability', () => {
    const values = [0.5, 0.9];
    const injector = new FaultInjector([{ latencyMs: 100, jitterMs: 50, errorRate: 0.8 }], () => values.shift() ?? 0);
    const plan = injector.plan({ service: 'iam', operation: 'GetRole', region: 'us-east-1', accountId: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/sandbox-admin' }, 0);
    expect(plan.delayMs).toBe(125);
    expect(plan.error).toBeUndefined();
  });
});
