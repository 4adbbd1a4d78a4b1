import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { COMMERCIAL_REGIONS } from '../lib/regions';
import { SANDBOX_ACCOUNT_ID } from './config';
import type { FaultSpec } from './faults';
import { createServiceLinkedRoleRecord } from './iam-model';
import { startSandbox, type RunningSandbox } from './server';
import { STATE_FILE_NAME } from './store';
import type { AccessAdvisorSettings, AccountState, DeletionTimings, IamRole, MaintenanceWindowTask, RegionState, SandboxState } from './types';

// Test helpers for the sandbox: hand-made states, a sandbox on an ephemeral port with a temporary data
// directory, and real SDK clients pointed at it (one attempt, so faults surface as they are sent).

export const TEST_CREDENTIALS = { accessKeyId: 'AKIATESTSANDBOX00001', secretAccessKey: 'test-secret' };
export const OPTED_IN_TEST_REGION = 'eu-south-1';

export interface TestTaskSpec {
  region: string;
  windowId: string;
  windowTaskId: string;
  serviceRoleArn?: string;
  /** The SNS notification role, which never counts as relying on the service-linked role. */
  notificationRoleArn?: string;
}

function createRegion(code: string, name: string, isOptIn: boolean): RegionState {
  return {
    code,
    name,
    optInStatus: !isOptIn ? 'opt-in-not-required' : code === OPTED_IN_TEST_REGION ? 'opted-in' : 'not-opted-in',
    windows: {},
    associations: {},
    dataSyncs: {},
    resourceGroups: {},
    taggedResources: {},
  };
}

/** An account with all 34 regions (one opt-in region opted in, or none) and the given roles. */
export function createTestAccount(accountId: string, options: { roles?: IamRole[]; isOptedIn?: boolean } = {}): AccountState {
  const regions = Object.fromEntries(COMMERCIAL_REGIONS.map((region) => [region.code, createRegion(region.code, region.name, region.isOptIn)]));
  if (options.isOptedIn === false) regions[OPTED_IN_TEST_REGION]!.optInStatus = 'not-opted-in';
  const roles = Object.fromEntries((options.roles ?? []).map((role) => [role.roleName, role]));
  return { accountId, partition: 'aws', iam: { roles, deletionTasks: {} }, regions };
}

/** All 34 regions (one opt-in region opted in), the service-linked role if asked, and the given tasks. */
export function createTestState(options: { hasRole?: boolean; tasks?: TestTaskSpec[]; nowMs?: number } = {}): SandboxState {
  const nowIso = new Date(options.nowMs ?? Date.now()).toISOString();
  const roles = options.hasRole ?? true ? [createServiceLinkedRoleRecord(SANDBOX_ACCOUNT_ID, nowIso)] : [];
  const account = createTestAccount(SANDBOX_ACCOUNT_ID, { roles });
  const regions = account.regions;
  const state: SandboxState = { version: 1, scenario: 'test', accounts: { [SANDBOX_ACCOUNT_ID]: account } };
  for (const spec of options.tasks ?? []) {
    const region = regions[spec.region];
    if (!region) throw new Error(`unknown region ${spec.region}`);
    region.windows[spec.windowId] ??= {
      WindowId: spec.windowId,
      Name: `window-${spec.windowId}`,
      Enabled: true,
      Schedule: 'cron(0 2 ? * SUN *)',
      Duration: 3,
      Cutoff: 1,
      AllowUnassociatedTargets: false,
      CreatedDate: nowIso,
      ModifiedDate: nowIso,
      tasks: {},
    };
    const task: MaintenanceWindowTask = {
      WindowId: spec.windowId,
      WindowTaskId: spec.windowTaskId,
      TaskArn: 'AWS-RunPatchBaseline',
      Type: 'RUN_COMMAND',
      Targets: [{ Key: 'WindowTargetIds', Values: ['e32eecb2-646c-4f4b-8ed1-205fbEXAMPLE'] }],
      Priority: 1,
    };
    if (spec.serviceRoleArn !== undefined) task.ServiceRoleArn = spec.serviceRoleArn;
    if (spec.notificationRoleArn) {
      task.TaskInvocationParameters = { RunCommand: { ServiceRoleArn: spec.notificationRoleArn, NotificationConfig: {} } };
    }
    region.windows[spec.windowId]!.tasks[spec.windowTaskId] = task;
  }
  return state;
}

export async function createDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'sandbox-test-'));
}

export async function writeStateFile(dataDir: string, state: SandboxState): Promise<void> {
  await writeFile(path.join(dataDir, STATE_FILE_NAME), JSON.stringify(state));
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  dataDir: string;
  iam: IAMClient;
  sts: STSClient;
  ec2(region?: string): EC2Client;
  ssm(region?: string): SSMClient;
  cloudTrail(region?: string): CloudTrailClient;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- admin replies are plain JSON read by tests
  admin(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(options?: { keepDataDir?: boolean }): Promise<void>;
}

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function createClientConfig(url: string, region = 'us-east-1', credentials: TestCredentials = TEST_CREDENTIALS) {
  return { region, endpoint: url, credentials, maxAttempts: 1 };
}

export async function startTestSandbox(
  options: {
    state?: SandboxState;
    dataDir?: string;
    timings?: Partial<DeletionTimings>;
    accessAdvisor?: Partial<AccessAdvisorSettings>;
    faults?: FaultSpec[];
    scenario?: string;
    clock?: () => number;
  } = {},
): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? (await createDataDir());
  if (options.state) await writeStateFile(dataDir, options.state);
  const sandbox = await startSandbox({
    port: 0,
    dataDir,
    timings: options.timings,
    accessAdvisor: options.accessAdvisor,
    faults: options.faults,
    scenario: options.scenario ?? 'clean',
    clock: options.clock,
  });
  const clients: Array<{ destroy(): void }> = [];
  const track = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  return {
    sandbox,
    dataDir,
    iam: track(new IAMClient(createClientConfig(sandbox.url))),
    sts: track(new STSClient(createClientConfig(sandbox.url))),
    ec2: (region = 'us-east-1') => track(new EC2Client(createClientConfig(sandbox.url, region))),
    ssm: (region = 'us-east-1') => track(new SSMClient(createClientConfig(sandbox.url, region))),
    cloudTrail: (region = 'us-east-1') => track(new CloudTrailClient(createClientConfig(sandbox.url, region))),
    async admin(method, route, body) {
      const response = await fetch(`${sandbox.url}/_sandbox/${route}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    async stop(stopOptions) {
      for (const client of clients) client.destroy();
      await sandbox.close();
      if (!stopOptions?.keepDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function captureError(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A clock that moves only when told, for deletion timings without real waiting. */
export function createManualClock(startMs = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
