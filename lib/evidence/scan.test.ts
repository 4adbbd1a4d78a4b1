import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningSandbox } from '@/sandbox/server';

// The evidence scan through the real SDK against the sandbox. Expectations come from the sandbox's raw state
// and call log, never from the code under test.

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'ap-southeast-2', 'af-south-1'].map((code) => ({ code, isEnabled: true }));

interface RawEvent {
  record: { eventID: string; eventTime: string; eventName: string; requestParameters: { roleArn?: string } | null };
  resources: Array<{ ResourceName: string }>;
}

let sandbox: RunningSandbox;
let dataDir: string;
let scan: typeof import('./scan');
/** One pacer for every scan of the file, as the dashboard keeps one for its process: AWS's buckets outlive a scan. */
let pacer: import('./pacer').Pacer;
let clients: import('@/lib/aws/clients').AwsClients;

async function admin(method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

async function rawAssumeRoles(): Promise<Map<string, RawEvent[]>> {
  const state = (await admin('GET', 'state')) as { accounts: Record<string, { cloudTrail?: Record<string, RawEvent[]> }> };
  const byRegion = new Map<string, RawEvent[]>();
  for (const [region, events] of Object.entries(state.accounts[ACCOUNT]?.cloudTrail ?? {})) {
    const uses = events.filter((event) => event.record.eventName === 'AssumeRole' && event.record.requestParameters?.roleArn === ROLE_ARN);
    if (uses.length > 0) byRegion.set(region, uses.reverse());
  }
  return byRegion;
}

beforeAll(async () => {
  const { startSandbox } = await import('@/sandbox/server');
  dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-evidence-test-'));
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataDir, scenario: 'demo', accessAdvisor: { jobDurationMs: 300 } });
  vi.stubEnv('ATLAS_TARGET', 'sandbox');
  vi.stubEnv('SANDBOX_PORT', String(sandbox.port));
  vi.resetModules();
  scan = await import('./scan');
  pacer = new (await import('./pacer')).Pacer(scan.LOOKUP_RATE);
  clients = (await import('@/lib/aws/clients')).getAwsClients();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await admin('POST', 'reset', { scenario: 'demo' });
  await admin('POST', 'faults', { clear: true });
  await admin('DELETE', 'calls');
});

describe('collectRoleEvidence', () => {
  it('reads every region’s sessions as the history holds them, what the newest touched, and Access Advisor', async () => {
    const expected = await rawAssumeRoles();
    const evidence = await scan.collectRoleEvidence(clients, { roleArn: ROLE_ARN, regions: REGIONS, deadlineMs: 30_000, pacer, accessAdvisorPollMs: 100 });
    for (const region of evidence.regions) {
      expect(region.status.kind, region.region).toBe('read');
      const truth = expected.get(region.region) ?? [];
      expect(region.sessions.map((session) => session.eventId), region.region).toEqual(truth.map((event) => event.record.eventID));
    }
    const state = (await admin('GET', 'state')) as { accounts: Record<string, { iam: { roles: Record<string, { roleLastUsed: { lastUsedDate: string; region: string } }> } }> };
    const lastUsed = state.accounts[ACCOUNT]!.iam.roles.AWSServiceRoleForAmazonSSM!.roleLastUsed;
    expect(evidence.lastUse?.region).toBe(lastUsed.region);
    expect(Date.parse(evidence.lastUse!.at)).toBe(Date.parse(lastUsed.lastUsedDate));
    const london = evidence.regions.find((region) => region.region === 'eu-west-2');
    expect(london?.sessions[0]?.calls?.map((call) => call.eventName)).toContain('SendCommand');
    expect(evidence.accessAdvisor.kind).toBe('completed');
    expect(evidence.missingPermissions).toEqual([]);
  });

  it('at depth latest reads each region only down to its newest session, with the same last use per region', async () => {
    const state = (await admin('GET', 'state')) as { accounts: Record<string, { cloudTrail?: Record<string, RawEvent[]> }> };
    const truth = await rawAssumeRoles();
    const latest = await scan.collectRoleEvidence(clients, { roleArn: ROLE_ARN, regions: REGIONS, deadlineMs: 30_000, pacer, depth: 'latest', skipAccessAdvisor: true });
    expect(latest.depth).toBe('latest');
    let cutShort = 0;
    for (const region of latest.regions) {
      expect(region.status.kind, region.region).toBe('read');
      const newest = truth.get(region.region)?.[0];
      expect(region.lastUsedAt && Date.parse(region.lastUsedAt), region.region).toBe(newest ? Date.parse(newest.record.eventTime) : undefined);
      // Newest first, 50 a page: a region whose first page holds a session and that has more stops there.
      const naming = (state.accounts[ACCOUNT]!.cloudTrail?.[region.region] ?? []).filter((event) => event.resources.some((resource) => resource.ResourceName === ROLE_ARN)).reverse();
      const firstPageHasSession = naming.slice(0, 50).some((event) => event.record.eventName === 'AssumeRole' && event.record.requestParameters?.roleArn === ROLE_ARN);
      if (naming.length > 50 && firstPageHasSession) {
        cutShort += 1;
        expect(region.isComplete, region.region).toBe(false);
        expect(region.sessions.length, region.region).toBeLessThan(truth.get(region.region)!.length);
      } else {
        expect(region.isComplete, region.region).toBe(true);
        expect(region.sessions.length, region.region).toBe(truth.get(region.region)?.length ?? 0);
      }
    }
    expect(cutShort).toBeGreaterThan(0);
    const newestOfAll = Math.max(...[...truth.values()].map((events) => Date.parse(events[0]!.record.eventTime)));
    expect(Date.parse(latest.lastUse!.at)).toBe(newestOfAll);
  });

  it('keeps to 2 lookups a second per region (bursts of 2), and a region throttled harder still finishes', async () => {
    await admin('POST', 'faults', { faults: [{ service: 'cloudtrail', region: 'us-east-1', throttle: { ratePerSecond: 1, burst: 1 } }] });
    const evidence = await scan.collectRoleEvidence(clients, { roleArn: ROLE_ARN, regions: REGIONS, deadlineMs: 60_000, pacer, accessAdvisorPollMs: 100, sessionsWithCalls: 4 });
    expect(evidence.regions.every((region) => region.status.kind === 'read')).toBe(true);
    const { calls } = (await admin('GET', 'calls')) as { calls: Array<{ time: string; region: string; operation: string; status: number }> };
    const lookups = calls.filter((call) => call.operation === 'LookupEvents');
    const truth = await rawAssumeRoles();
    let busiest = 0;
    for (const region of REGIONS.map((entry) => entry.code).filter((code) => code !== 'us-east-1')) {
      // AWS's bucket (2 a second, bursts of 2) was never exceeded, however the machine's load delayed the calls.
      expect(lookups.filter((call) => call.region === region && call.status !== 200), region).toEqual([]);
      const arrivals = lookups.filter((call) => call.region === region).map((call) => Date.parse(call.time)).sort((left, right) => left - right);
      busiest = Math.max(busiest, arrivals.length);
      // Any two calls i < j arrived at least (j - i - 1) × 500 ms apart (less the log's millisecond rounding).
      for (let first = 0; first < arrivals.length; first += 1) {
        for (let later = first + 1; later < arrivals.length; later += 1) {
          expect(arrivals[later]! - arrivals[first]!, `${region}: calls ${first} and ${later}`).toBeGreaterThanOrEqual(500 * (later - first - 1) - 5);
        }
      }
      expect(evidence.regions.find((entry) => entry.region === region)?.sessions.length, region).toBe(truth.get(region)?.length ?? 0);
    }
    // The spacing was measured on a region with several pages and session lookups.
    expect(busiest).toBeGreaterThanOrEqual(4);
    const east = lookups.filter((call) => call.region === 'us-east-1');
    expect(east.some((call) => call.status !== 200)).toBe(true);
    expect(evidence.regions.find((region) => region.region === 'us-east-1')?.sessions.length).toBe(truth.get('us-east-1')?.length);
  });

  it('names the missing permission and reads everything else when CloudTrail or Access Advisor is denied', async () => {
    await admin('POST', 'faults', { faults: [{ service: 'cloudtrail', accessDenied: true }] });
    const withoutTrail = await scan.collectRoleEvidence(clients, { roleArn: ROLE_ARN, regions: REGIONS, deadlineMs: 30_000, pacer, accessAdvisorPollMs: 100 });
    expect(withoutTrail.missingPermissions).toEqual(['cloudtrail:LookupEvents']);
    expect(withoutTrail.regions.every((region) => region.status.kind === 'access-denied' && region.lastUsedAt === undefined)).toBe(true);
    expect(withoutTrail.accessAdvisor.kind).toBe('completed');

    await admin('POST', 'faults', { faults: [{ service: 'iam', operation: 'GenerateServiceLastAccessedDetails', accessDenied: true }] });
    const withoutAdvisor = await scan.collectRoleEvidence(clients, { roleArn: ROLE_ARN, regions: REGIONS, deadlineMs: 30_000, pacer, accessAdvisorPollMs: 100 });
    expect(withoutAdvisor.missingPermissions).toEqual(['iam:GenerateServiceLastAccessedDetails']);
    expect(withoutAdvisor.accessAdvisor.kind).toBe('access-denied');
    expect(withoutAdvisor.regions.every((region) => region.status.kind === 'read')).toBe(true);
  });

  it('reports a region it could not read by the deadline as timed out, never as unused', async () => {
    await admin('POST', 'faults', { faults: [{ service: 'cloudtrail', region: 'eu-west-1', hang: true }] });
    const evidence = await scan.collectRoleEvidence(clients, { roleArn: ROLE_ARN, regions: REGIONS, deadlineMs: 6_000, pacer, accessAdvisorPollMs: 100 });
    const ireland = evidence.regions.find((region) => region.region === 'eu-west-1');
    expect(ireland?.status.kind).toBe('timed-out');
    expect(ireland?.lastUsedAt).toBeUndefined();
    const { getRegionEvidenceMarker } = await import('./join');
    expect(getRegionEvidenceMarker(undefined, ireland)).toBe('evidence-unknown');
    expect(evidence.regions.filter((region) => region.region !== 'eu-west-1').every((region) => region.status.kind === 'read')).toBe(true);
  });
});
