import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateMaintenanceWindowCommand, GetParametersCommand, RegisterTaskWithMaintenanceWindowCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getExpectedRegions } from '@/test-support/sandbox-expectations';
import { DEFAULT_SCAN_LIMITS, scanAllRegions, scanRegion, ScanMetrics, type ScanLimits } from '@/lib/audit/scanner';
import { Semaphore } from '@/lib/audit/semaphore';
import { describeStatus, getRegionCounts, isRegionUnknown } from '@/lib/audit/summary';
import type { AuditResult, AuditTargetSummary, RegionAudit } from '@/lib/audit/types';
import { createAwsClients, type AwsClients } from '@/lib/aws/clients';
import { TAGGED_RESOURCES_MAX_PAGES } from '@/lib/aws/tagging';
import { parseSettings, SANDBOX_ACCOUNT_ID } from '@/lib/config';
import { getRoleArn } from '@/lib/role/constants';
import { startSandbox, type FaultSpec, type RunningSandbox } from '@/sandbox/server';
import type { SandboxState } from '@/sandbox/types';

// The scanner against a real sandbox on an ephemeral port, with the sandbox's own fault injection.

let sandbox: RunningSandbox;
let dataDir: string;
let clients: AwsClients;

const target: AuditTargetSummary = {
  target: 'sandbox',
  accountId: SANDBOX_ACCOUNT_ID,
  callerArn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/atlas`,
  partition: 'aws',
};

async function admin(method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox/${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} /_sandbox/${route}`).toBe(true);
  return response.json();
}

const setFaults = (faults: FaultSpec[]) => admin('POST', 'faults', { faults });

async function scan(limits: Partial<ScanLimits> = {}, scanClients = clients): Promise<AuditResult> {
  return scanAllRegions({ clients: scanClients, homeRegion: 'us-east-1', target, role: { exists: true }, limits });
}

function byCode(audit: AuditResult): Map<string, RegionAudit> {
  return new Map(audit.regions.map((region) => [region.region.code, region]));
}

/** The same clients, with GetParameters answers filtered as if AWS did not list some regions. */
function withParameterFilter(base: AwsClients, keep: (name: string) => boolean): AwsClients {
  return {
    ...base,
    ssm: (region: string) => {
      const client = base.ssm(region);
      return new Proxy(client, {
        get(target, property, receiver) {
          if (property !== 'send') return Reflect.get(target, property, receiver);
          return async (command: { input: unknown }, options?: unknown) => {
            const output = (await target.send(command as never, options as never)) as { Parameters?: Array<{ Name?: string }> };
            if (!(command instanceof GetParametersCommand)) return output;
            return { ...output, Parameters: (output.Parameters ?? []).filter((parameter) => keep(parameter.Name ?? '')) };
          };
        },
      });
    },
  };
}

function clientsFor(overrides: Record<string, string> = {}): AwsClients {
  return createAwsClients(parseSettings({ ATLAS_TARGET: 'sandbox', SANDBOX_PORT: String(sandbox.port), ...overrides }));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-audit-'));
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataDir, scenario: 'demo' });
  clients = clientsFor();
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await admin('POST', 'faults', { clear: true });
  await admin('POST', 'reset', { scenario: 'demo' });
});

describe('scanner on the demo account', () => {
  it('reports every region with the counts the sandbox holds, and never calls a disabled region', async () => {
    await admin('DELETE', 'calls');
    const audit = await scan();
    const expected = getExpectedRegions((await admin('GET', 'state')) as SandboxState, SANDBOX_ACCOUNT_ID);
    const calls = ((await admin('GET', 'calls')) as { calls: Array<{ region: string }> }).calls;

    expect(audit.regions.map((region) => region.region.code).sort()).toEqual(Object.keys(expected).sort());
    for (const region of audit.regions) {
      const truth = expected[region.region.code];
      expect(truth, region.region.code).toBeDefined();
      if (!truth?.isEnabled) {
        expect(region.status.kind, region.region.code).toBe('not-enabled');
        expect(calls.filter((call) => call.region === region.region.code), `calls to ${region.region.code}`).toEqual([]);
        continue;
      }
      expect(region.status.kind, region.region.code).toBe('ok');
      expect(getRegionCounts(region), region.region.code).toEqual(truth.counts);
    }
    const blocking = Object.values(expected).reduce((sum, region) => sum + region.counts.tasksOnRole, 0);
    expect(blocking).toBeGreaterThan(0);
    expect(audit.verdict).toMatchObject({ kind: 'blocked', blockingTasks: blocking, unknownRegions: [] });
  });

  it('classifies implicit, explicit, custom and notification-role decoy tasks from what AWS lists', async () => {
    const audit = await scan();
    const regions = byCode(audit);
    const tasks = (code: string) => regions.get(code)?.findings?.windows.flatMap((window) => window.tasks) ?? [];
    const roleArn = getRoleArn('aws', SANDBOX_ACCOUNT_ID);

    const implicit = tasks('eu-west-1').find((task) => task.name === 'install-patches');
    expect(implicit).toMatchObject({ serviceRoleArn: null, roleUse: 'service-linked-implicit', reliesOnRole: true });
    const explicit = tasks('us-west-2').find((task) => task.name === 'install-patches');
    expect(explicit).toMatchObject({ serviceRoleArn: roleArn, roleUse: 'service-linked-explicit', reliesOnRole: true });
    // Its Run Command parameters name a notification role; the task-level role is the custom one.
    const decoy = tasks('us-east-1').find((task) => task.name === 'install-windows-updates');
    expect(decoy).toMatchObject({ roleUse: 'custom', reliesOnRole: false });
    expect(decoy?.serviceRoleArn).toMatch(/role\/AtlasMaintenanceWindowRole$/);
  });

  it('counts a task whose ServiceRoleArn names the role without its path as relying on the role', async () => {
    const pathlessArn = `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:role/AWSServiceRoleForAmazonSSM`;
    const ssm = clients.ssm('us-east-2');
    const window = await ssm.send(new CreateMaintenanceWindowCommand({ Name: 'pathless', Schedule: 'rate(1 day)', Duration: 2, Cutoff: 1, AllowUnassociatedTargets: true }));
    await ssm.send(
      new RegisterTaskWithMaintenanceWindowCommand({
        WindowId: window.WindowId,
        TaskArn: 'AWS-RunPatchBaseline',
        TaskType: 'RUN_COMMAND',
        Targets: [{ Key: 'WindowTargetIds', Values: [] }],
        ServiceRoleArn: pathlessArn,
        Name: 'pathless-role',
      }),
    );
    const audit = await scan();
    const region = byCode(audit).get('us-east-2');
    const task = region?.findings?.windows.flatMap((item) => item.tasks).find((item) => item.name === 'pathless-role');
    expect(task).toMatchObject({ serviceRoleArn: pathlessArn, roleUse: 'service-linked-explicit', reliesOnRole: true });
    const expected = getExpectedRegions((await admin('GET', 'state')) as SandboxState, SANDBOX_ACCOUNT_ID);
    expect(getRegionCounts(region!)).toEqual(expected['us-east-2']?.counts);
  });
});

describe('scanner fault matrix', () => {
  it('retries throttling and 500s to success, times out a hanging region, skips a disabled one, and is never safe while a region is unknown', async () => {
    await setFaults([
      // Throttling in Ireland: a token bucket far below the scan's pace, recovering over time.
      { service: 'ssm', region: 'eu-west-1', throttle: { ratePerSecond: 6, burst: 2 } },
      // Half the calls fail with HTTP 500 in Oregon.
      { region: 'us-west-2', errorRate: 0.5 },
      // Tokyo never answers.
      { service: 'ssm', region: 'ap-northeast-1', hang: true },
    ]);
    await admin('DELETE', 'calls');
    const started = Date.now();
    const audit = await scan({ regionDeadlineMs: 6_000 });
    const elapsed = Date.now() - started;
    const regions = byCode(audit);
    const expected = getExpectedRegions((await admin('GET', 'state')) as SandboxState, SANDBOX_ACCOUNT_ID);

    expect(regions.get('eu-west-1')?.status.kind).toBe('ok');
    expect(getRegionCounts(regions.get('eu-west-1')!)).toEqual(expected['eu-west-1']?.counts);
    expect(regions.get('us-west-2')?.status.kind).toBe('ok');
    expect(getRegionCounts(regions.get('us-west-2')!)).toEqual(expected['us-west-2']?.counts);
    expect(regions.get('ap-northeast-1')?.status).toEqual({ kind: 'timed-out', afterMs: 6_000 });
    expect(regions.get('ap-northeast-1')?.findings).toBeNull();
    expect(regions.get('me-south-1')?.status.kind).toBe('not-enabled');
    // The transient faults were really hit, and retried until they succeeded.
    const calls = ((await admin('GET', 'calls')) as { calls: Array<{ region: string; status: number }> }).calls;
    expect(calls.some((call) => call.region === 'eu-west-1' && call.status === 400)).toBe(true);
    expect(calls.some((call) => call.region === 'us-west-2' && call.status === 500)).toBe(true);
    // The hang cost one deadline, not a hang: the scan finished.
    expect(elapsed).toBeLessThan(20_000);
    expect(audit.verdict.kind).toBe('blocked');
    expect(audit.verdict.kind !== 'safe' && audit.verdict.unknownRegions).toEqual(['ap-northeast-1']);
  });

  it("retries throttling itself, within the region's budget, when the SDK makes a single attempt", async () => {
    // A burst of 2 for a first wave of 4 SSM calls: at least two are throttled, deterministically.
    await setFaults([{ service: 'ssm', region: 'eu-west-1', throttle: { ratePerSecond: 5, burst: 2 } }]);
    const metrics = new ScanMetrics();
    const audit = await scanAllRegions({
      clients: clientsFor({ ATLAS_MAX_ATTEMPTS: '1' }),
      homeRegion: 'us-east-1',
      target,
      role: { exists: true },
      limits: { callRetries: 6, regionRetryBudget: 30, retryBaseDelayMs: 100 },
      metrics,
    });
    const region = byCode(audit).get('eu-west-1')!;
    const expected = getExpectedRegions((await admin('GET', 'state')) as SandboxState, SANDBOX_ACCOUNT_ID);
    expect(region.status.kind).toBe('ok');
    expect(getRegionCounts(region)).toEqual(expected['eu-west-1']?.counts);
    expect(metrics.retries).toBeGreaterThanOrEqual(2);
  });

  it('turns a region that keeps failing into a status with the AWS code, message and request id', async () => {
    await setFaults([
      { service: 'ssm', region: 'eu-central-1', errorRate: 1 },
      { service: 'ssm', region: 'ap-southeast-2', accessDenied: true },
      { service: 'ssm', region: 'sa-east-1', throttle: { ratePerSecond: 0, burst: 0 } },
    ]);
    // One SDK attempt and one retry of ours keep this quick; the statuses are the same with more.
    const audit = await scan({ callRetries: 1, retryBaseDelayMs: 10 }, clientsFor({ ATLAS_MAX_ATTEMPTS: '1' }));
    const regions = byCode(audit);
    const failed = regions.get('eu-central-1')?.status;
    expect(failed).toMatchObject({ kind: 'error', error: { code: 'InternalServerError', httpStatus: 500 } });
    expect(failed?.kind === 'error' && failed.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(regions.get('ap-southeast-2')?.status).toMatchObject({ kind: 'access-denied', error: { code: 'AccessDeniedException' } });
    expect(regions.get('sa-east-1')?.status).toMatchObject({ kind: 'throttled', error: { code: 'ThrottlingException' } });
    expect(regions.get('us-east-1')?.status.kind).toBe('ok');
    expect(audit.verdict.kind === 'safe').toBe(false);
    expect(audit.verdict.kind !== 'safe' && [...audit.verdict.unknownRegions].sort()).toEqual(['ap-southeast-2', 'eu-central-1', 'sa-east-1']);
  });

  it('keeps the windows when only a secondary read fails, with a region warning', async () => {
    await setFaults([{ service: 'tagging', region: 'us-east-1', accessDenied: true }]);
    const audit = await scan();
    const region = byCode(audit).get('us-east-1');
    expect(region?.status.kind).toBe('ok');
    expect(region?.findings?.windows.length).toBeGreaterThan(0);
    expect(region?.warnings.join(' ')).toMatch(/Tagged resources could not be read \(AccessDeniedException/);
  });

  it('keeps the windows and the other reads when the tagged-resource count hangs: only that read is unknown', async () => {
    await setFaults([{ service: 'tagging', region: 'eu-west-1', hang: true }]);
    const audit = await scan({ regionDeadlineMs: 10_000, dataImpactDeadlineMs: 1_500 });
    const region = byCode(audit).get('eu-west-1')!;
    const expected = getExpectedRegions((await admin('GET', 'state')) as SandboxState, SANDBOX_ACCOUNT_ID)['eu-west-1']!;
    expect(region.status.kind).toBe('ok');
    const counts = getRegionCounts(region)!;
    expect(counts.windows).toBe(expected.counts.windows);
    expect(counts.tasksOnRole).toBe(expected.counts.tasksOnRole);
    expect(counts.inventoryAssociations).toBe(expected.counts.inventoryAssociations);
    expect(counts.dataSyncs).toBe(expected.counts.dataSyncs);
    expect(counts.resourceGroups).toBe(expected.counts.resourceGroups);
    expect(region.findings?.dataReads).toEqual({
      inventoryAssociations: { kind: 'ok' },
      dataSyncs: { kind: 'ok' },
      resourceGroups: { kind: 'ok' },
      taggedResources: { kind: 'timed-out', afterMs: 1_500 },
    });
    expect(region.warnings.join(' ')).toMatch(/Tagged resources could not be read \(no answer within 2 s\)/);
    // The verdict comes from the blocker reads, which were complete everywhere.
    expect(audit.verdict).toMatchObject({ kind: 'blocked', unknownRegions: [] });
  });

  it('reports an enabled region that Systems Manager does not list, and does not answer, as without Systems Manager', async () => {
    // AWS's public list leaves eu-north-1 out, and its SSM endpoint does not answer.
    const withoutEuNorth = withParameterFilter(clients, (name) => !name.endsWith('/eu-north-1'));
    await setFaults([{ service: 'ssm', region: 'eu-north-1', hang: true }]);
    const audit = await scan({ regionDeadlineMs: 2_000 }, withoutEuNorth);
    const region = byCode(audit).get('eu-north-1')!;
    expect(region.region.isEnabled).toBe(true);
    expect(region.status).toEqual({ kind: 'no-ssm' });
    expect(region.findings).toBeNull();
    expect(describeStatus(region.status)).toMatch(/Systems Manager does not exist in this region/);
    expect(audit.verdict.kind !== 'safe' && audit.verdict.unknownRegions).toEqual([]);

    // When it answers all the same, what it said stands, with a warning.
    await admin('POST', 'faults', { clear: true });
    const answered = await scan({}, withoutEuNorth);
    expect(byCode(answered).get('eu-north-1')?.status.kind).toBe('ok');
    expect(answered.warnings?.join(' ')).toMatch(/eu-north-1 is not among the regions AWS lists for Systems Manager/);
  });

  it('counts tagged resources up to its page bound and says "at least" beyond it (large: 50,000 in one region)', async () => {
    await admin('POST', 'reset', { scenario: 'large' });
    const state = (await admin('GET', 'state')) as SandboxState;
    const truth = getExpectedRegions(state, SANDBOX_ACCOUNT_ID)['eu-west-1']!;
    expect(truth.counts.taggedResources).toBeGreaterThanOrEqual(50_000);
    const audit = await scanAllRegions({ clients, homeRegion: 'us-east-1', target, role: { exists: true }, onlyRegions: ['eu-west-1'] });
    const region = byCode(audit).get('eu-west-1')!;
    expect(region.status.kind).toBe('ok');
    expect(region.findings?.taggedResources).toMatchObject({ count: TAGGED_RESOURCES_MAX_PAGES * 100, isComplete: false });
    expect(getRegionCounts(region)?.tasksOnRole).toBe(truth.counts.tasksOnRole);
    expect(region.findings?.dataReads?.taggedResources).toEqual({ kind: 'ok' });
  }, 60_000);

  it('is unknown, not safe, on an account with no blocker while one region hangs', async () => {
    await admin('POST', 'reset', { scenario: 'clean' });
    const clean = await scan();
    expect(clean.verdict).toEqual({ kind: 'safe' });
    await setFaults([{ service: 'ssm', region: 'us-east-2', operation: 'DescribeMaintenanceWindows', hang: true }]);
    const hung = await scan({ regionDeadlineMs: 1_500 });
    expect(hung.verdict).toEqual({ kind: 'unknown', unknownRegions: ['us-east-2'] });
  });

  it("falls back to EC2's region list, with a warning, when the SSM public parameters cannot be read", async () => {
    await setFaults([{ service: 'ssm', operation: 'GetParameters', accessDenied: true }]);
    const audit = await scan();
    const expected = getExpectedRegions((await admin('GET', 'state')) as SandboxState, SANDBOX_ACCOUNT_ID);
    expect(audit.warnings?.join(' ')).toMatch(/could not be read \(ssm:GetParameters in us-east-1: AccessDeniedException/);
    expect(audit.regions.map((region) => region.region.code).sort()).toEqual(Object.keys(expected).sort());
    expect(audit.regions.filter((region) => region.status.kind === 'ok')).toHaveLength(Object.values(expected).filter((region) => region.isEnabled).length);
  });

  it('fails the audit, rather than guessing, when EC2 cannot say which regions are enabled', async () => {
    await setFaults([{ service: 'ec2', operation: 'DescribeRegions', accessDenied: true }]);
    await expect(scan()).rejects.toThrow(/Could not list the account's regions \(ec2:DescribeRegions in us-east-1\)/);
  });

  it('reports UnrecognizedClientException in a region EC2 calls enabled as an error, not as not enabled', async () => {
    const limits = { ...DEFAULT_SCAN_LIMITS, callRetries: 0 };
    const result = await scanRegion({
      clients,
      // me-south-1 is not opted in: the sandbox answers like AWS does for a disabled region.
      region: { code: 'me-south-1', name: 'Middle East (Bahrain)', optInStatus: 'opted-in', isEnabled: true },
      target,
      global: new Semaphore(4),
      limits,
      metrics: new ScanMetrics(),
    });
    expect(result.status).toMatchObject({ kind: 'error', error: { code: 'UnrecognizedClientException' } });
    // Explained with its likely cause, and still unknown (never "not enabled", never clean).
    expect(result.status.kind === 'error' && result.status.likelyCause).toMatch(/global STS endpoint .* not valid in opt-in regions/);
    expect(describeStatus(result.status)).toMatch(/UnrecognizedClientException: .*Likely cause: session tokens from the global STS endpoint/);
    expect(isRegionUnknown(result.status)).toBe(true);
    expect(result.findings).toBeNull();
  });
});
