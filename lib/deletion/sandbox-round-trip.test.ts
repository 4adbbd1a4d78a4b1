import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetMaintenanceWindowTaskCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createManualClock, createTestState, startTestSandbox, type TestSandbox } from '@/sandbox/test-support';

// The deletion lifecycle through the real SDK against the sandbox: task id persisted, FAILED with the usage list,
// clean-up with UpdateMaintenanceWindowTask, a second round resumed by a "restarted" tracker, the 404 race of a
// purged task, and recreation ("has been taken" on a second create).

const WINDOW_ID = 'mw-0123456789abcdef0';
const TASK_ID = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const REGION = 'eu-west-1';

let sandbox: TestSandbox;
let dataDir: string;
const clock = createManualClock(Date.parse('2026-01-01T00:00:00.000Z'));

type Lifecycle = typeof import('@/lib/aws/iam-lifecycle');
type Maintenance = typeof import('@/lib/aws/ssm-maintenance');
type Errors = typeof import('@/lib/aws/errors');
let lifecycle: Lifecycle;
let maintenance: Maintenance;
let errors: Errors;
let iam: import('@aws-sdk/client-iam').IAMClient;
let clients: import('@/lib/aws/clients').AwsClients;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    state: createTestState({ tasks: [{ region: REGION, windowId: WINDOW_ID, windowTaskId: TASK_ID, notificationRoleArn: 'arn:aws:iam::123456789012:role/Notify' }] }),
    timings: { startDelayMs: 100, decideDelayMs: 1_000, purgeAfterMs: 5_000 },
    clock: clock.now,
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-round-trip-'));
  vi.stubEnv('ATLAS_TARGET', 'sandbox');
  vi.stubEnv('SANDBOX_PORT', String(sandbox.sandbox.port));
  vi.stubEnv('ATLAS_DATA_DIR', dataDir);
  vi.stubEnv('ATLAS_MAX_ATTEMPTS', '1');
  vi.resetModules();
  lifecycle = await import('@/lib/aws/iam-lifecycle');
  maintenance = await import('@/lib/aws/ssm-maintenance');
  errors = await import('@/lib/aws/errors');
  clients = (await import('@/lib/aws/clients')).getAwsClients();
  iam = clients.iam();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function newTracker() {
  const { createDeletionTracker } = await import('@/lib/deletion/tracker');
  const { createDeletionStore } = await import('@/lib/deletion/store');
  const { openAtlasDatabase } = await import('@/lib/storage/database');
  return createDeletionTracker({
    store: createDeletionStore(openAtlasDatabase(dataDir), { target: 'sandbox', accountId: '123456789012' }),
    now: () => new Date(clock.now()),
    gateway: {
      deleteServiceLinkedRole: () => lifecycle.deleteServiceLinkedRole(iam),
      getDeletionStatus: (deletionTaskId) => lifecycle.getServiceLinkedRoleDeletionStatus(iam, deletionTaskId),
      getRole: () => lifecycle.getServiceLinkedRoleIdentity(iam),
      isNotFound: (error) => error instanceof errors.AwsError && error.kind === 'not-found',
      describeError: (error) => String(error),
    },
  });
}

describe('deletion lifecycle against the sandbox', () => {
  it('fails on a relying task, succeeds after it is moved, and resumes after a restart', async () => {
    const tracker = await newTracker();
    const first = await tracker.start();
    expect(first.deletionTaskId).toMatch(/^task\/aws-service-role\/ssm\.amazonaws\.com\/AWSServiceRoleForAmazonSSM\/[0-9a-f-]{36}$/);
    // A repeated delete while unfinished answers the same task.
    expect((await tracker.start()).deletionTaskId).toBe(first.deletionTaskId);

    clock.advance(1_500);
    const failed = await tracker.poll();
    expect(failed?.phase).toBe('failed');
    expect(failed?.failure?.reason).toMatch(/cannot be deleted/);
    expect(failed?.failure?.usage).toEqual([{ region: REGION, resources: [`arn:aws:ssm:${REGION}:123456789012:windowtask/${WINDOW_ID}/${TASK_ID}`] }]);

    // Clean-up: a custom role, then the task moved to it with only its role changed.
    const created = await lifecycle.createMaintenanceWindowRole(iam, 'AtlasTestWindowRole', 'aws');
    expect(created.attachError).toBeUndefined();
    await maintenance.updateMaintenanceWindowTaskRole(clients.ssm(REGION), { region: REGION, windowId: WINDOW_ID, windowTaskId: TASK_ID }, created.role.arn);
    const ssm = new SSMClient({ region: REGION, endpoint: sandbox.sandbox.url, credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' } });
    const task = await ssm.send(new GetMaintenanceWindowTaskCommand({ WindowId: WINDOW_ID, WindowTaskId: TASK_ID }));
    ssm.destroy();
    expect(task.ServiceRoleArn).toBe(created.role.arn);
    // The notification role inside the invocation parameters is untouched.
    expect(task.TaskInvocationParameters?.RunCommand?.ServiceRoleArn).toBe('arn:aws:iam::123456789012:role/Notify');

    const second = await tracker.start();
    expect(second.round).toBe(2);
    expect(second.deletionTaskId).not.toBe(first.deletionTaskId);

    // A new tracker stands for a restarted server; by now the decided task has been purged (404 race).
    clock.advance(1_500 + 5_000);
    const restarted = await newTracker();
    const done = await restarted.poll();
    expect(done?.deletionTaskId).toBe(second.deletionTaskId);
    expect(done?.phase).toBe('succeeded');
    expect(done?.timeline.map((entry) => entry.kind)).toEqual(['requested', 'resumed', 'status-not-found', 'role-gone']);
    expect((await lifecycle.getServiceLinkedRoleIdentity(iam)).role).toBeNull();
  });

  it('recreates the role with a description, and explains a second create as "taken"', async () => {
    const created = await lifecycle.createServiceLinkedRole(iam, 'Recreated in a test');
    expect(created.arn).toBe('arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM');
    const again = await lifecycle.createServiceLinkedRole(iam).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(errors.AwsError);
    expect((again as InstanceType<Errors['AwsError']>).kind).toBe('conflict');
    await lifecycle.updateServiceLinkedRoleDescription(iam, 'Edited in a test');
    const permissions = await lifecycle.checkWizardPermissions(iam, 'arn:aws:iam::123456789012:user/admin');
    expect(permissions.kind).toBe('not-checked');
  });

  it('ends as "deleted, then recreated" when the role is created again before the success is confirmed', async () => {
    const before = await lifecycle.getServiceLinkedRoleIdentity(iam);
    expect(before.role).not.toBeNull();
    const tracker = await newTracker();
    const started = await tracker.start();
    expect(started.deletedRole).toEqual(before.role);
    clock.advance(1_500);
    // Deleted on AWS's side; recreated (a task registered without a role, Inventory…) before the wizard looks.
    expect((await lifecycle.getServiceLinkedRoleIdentity(iam)).role).toBeNull();
    clock.advance(1_000);
    await lifecycle.createServiceLinkedRole(iam);
    const recreated = await lifecycle.getServiceLinkedRoleIdentity(iam);
    expect(recreated.role?.roleId).not.toBe(before.role?.roleId);
    const done = await tracker.poll();
    expect(done).toMatchObject({ phase: 'recreated', recreatedAt: recreated.role?.createDate });
    expect(done?.timeline.at(-1)?.kind).toBe('role-recreated');
  });
});
