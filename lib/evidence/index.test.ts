import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORG_EXTERNAL_ID, ORG_MANAGEMENT_ACCOUNT_ID } from '@/sandbox/scenarios/org-facts';
import type { SandboxTarget } from '@/test-support/sandbox-target';

// Each account's evidence of use through the real SDK against the sandbox's `org` scenario: a member account is
// read through its access role, and its evidence is its own. Expectations come from the sandbox's raw state and
// call log, never from the code under test.

const NETWORK_HUB = '210987654303';
const SHARED_SERVICES = '210987654304';
const ANALYTICS = '210987654307';
const PAYMENTS = '210987654305';

interface RawEvent {
  record: { eventID: string; eventName: string; requestParameters: { roleArn?: string } | null };
}
interface RawAccount {
  cloudTrail?: Record<string, RawEvent[]>;
  regions: Record<string, { optInStatus: string }>;
}

let target: SandboxTarget;
let evidence: typeof import('./index');

async function admin(method: string, route: string): Promise<unknown> {
  const response = await fetch(`${target.sandbox.url}/_sandbox/${route}`, { method, headers: { 'content-type': 'application/json' } });
  expect(response.ok).toBe(true);
  return response.json();
}

function roleArnOf(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`;
}

/** The account's AssumeRole events of its service-linked role, by region, newest first, from the raw state. */
async function rawSessions(accountId: string): Promise<Map<string, string[]>> {
  const state = (await admin('GET', 'state')) as { accounts: Record<string, RawAccount> };
  const byRegion = new Map<string, string[]>();
  for (const [region, events] of Object.entries(state.accounts[accountId]?.cloudTrail ?? {})) {
    const ids = events
      .filter((event) => event.record.eventName === 'AssumeRole' && event.record.requestParameters?.roleArn === roleArnOf(accountId))
      .map((event) => event.record.eventID)
      .reverse();
    if (ids.length > 0) byRegion.set(region, ids);
  }
  return byRegion;
}

async function rawEnabledRegions(accountId: string): Promise<string[]> {
  const state = (await admin('GET', 'state')) as { accounts: Record<string, RawAccount> };
  return Object.entries(state.accounts[accountId]!.regions)
    .filter(([, region]) => region.optInStatus !== 'not-opted-in')
    .map(([code]) => code)
    .sort();
}

function sessionsByRegion(result: import('./types').RoleEvidence): Map<string, string[]> {
  const byRegion = new Map<string, string[]>();
  for (const region of result.regions) {
    if (region.sessions.length > 0) byRegion.set(region.region, region.sessions.map((session) => session.eventId));
  }
  return byRegion;
}

beforeAll(async () => {
  const { startSandboxTarget } = await import('@/test-support/sandbox-target');
  target = await startSandboxTarget('org', 'atlas-evidence-accounts-');
  vi.stubEnv('ATLAS_ORG', '1');
  vi.stubEnv('ATLAS_ORG_EXTERNAL_ID', ORG_EXTERNAL_ID);
  vi.resetModules();
  evidence = await import('./index');
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await target?.close();
});

describe('getRoleEvidence by account', () => {
  it('reads each member account through its access role, and keeps its evidence apart from the others', async () => {
    await admin('DELETE', 'calls');
    const [hub, shared] = await Promise.all([
      evidence.getRoleEvidence({ memberAccountId: NETWORK_HUB }),
      evidence.getRoleEvidence({ memberAccountId: SHARED_SERVICES }),
    ]);
    expect(hub.roleArn).toBe(roleArnOf(NETWORK_HUB));
    expect(shared.roleArn).toBe(roleArnOf(SHARED_SERVICES));
    const hubTruth = await rawSessions(NETWORK_HUB);
    const sharedTruth = await rawSessions(SHARED_SERVICES);
    // The oracle itself differs between the two members: one is used where the other is not.
    expect([...hubTruth.keys()].sort()).not.toEqual([...sharedTruth.keys()].sort());
    expect(sessionsByRegion(hub)).toEqual(hubTruth);
    expect(sessionsByRegion(shared)).toEqual(sharedTruth);
    expect(hub.regions.every((region) => region.status.kind === 'read' || region.status.kind === 'not-enabled')).toBe(true);

    // Every lookup acted in its own account: the sandbox logs the account each call's credentials belong to.
    const { calls } = (await admin('GET', 'calls')) as { calls: Array<{ operation: string; accountId?: string }> };
    const lookups = calls.filter((call) => call.operation === 'LookupEvents');
    const lookupsByAccount = new Map<string, number>();
    for (const call of lookups) lookupsByAccount.set(call.accountId ?? '?', (lookupsByAccount.get(call.accountId ?? '?') ?? 0) + 1);
    expect([...lookupsByAccount.keys()].sort()).toEqual([NETWORK_HUB, SHARED_SERVICES]);
    expect(lookupsByAccount.get(NETWORK_HUB)).toBe(hub.regions.reduce((sum, region) => sum + region.lookupCalls, 0));
  });

  it('lists a member account’s own regions, its opt-in regions included', async () => {
    const analytics = await evidence.getRoleEvidence({ memberAccountId: ANALYTICS });
    const enabled = analytics.regions.filter((region) => region.status.kind !== 'not-enabled').map((region) => region.region).sort();
    expect(enabled).toEqual(await rawEnabledRegions(ANALYTICS));
    expect(enabled).toContain('af-south-1');
    expect(sessionsByRegion(analytics)).toEqual(await rawSessions(ANALYTICS));
  });

  it('without an account reads the caller’s own, and shares a fresh collection per account only', async () => {
    const own = evidence.getRoleEvidence();
    expect(evidence.getRoleEvidence()).toBe(own);
    expect(evidence.getRoleEvidence({ memberAccountId: NETWORK_HUB })).not.toBe(own);
    const result = await own;
    expect(result.roleArn).toBe(roleArnOf(ORG_MANAGEMENT_ACCOUNT_ID));
    expect(sessionsByRegion(result)).toEqual(await rawSessions(ORG_MANAGEMENT_ACCOUNT_ID));
  });

  it('serves a request for the latest use from a fresh history, never a history from a latest-only collection', async () => {
    const latestFirst = evidence.getRoleEvidence({ memberAccountId: PAYMENTS, depth: 'latest' });
    const history = evidence.getRoleEvidence({ memberAccountId: PAYMENTS });
    expect(history).not.toBe(latestFirst);
    expect((await latestFirst).depth).toBe('latest');
    expect((await history).depth).toBe('history');
    expect(evidence.getRoleEvidence({ memberAccountId: PAYMENTS, depth: 'latest' })).toBe(history);
    // An audit reads everything again: a fresh finished collection is not reused.
    const refreshed = evidence.getRoleEvidence({ memberAccountId: PAYMENTS, depth: 'latest', isRefresh: true });
    expect(refreshed).not.toBe(history);
    expect(evidence.getRoleEvidence({ memberAccountId: PAYMENTS, depth: 'latest', isRefresh: true })).toBe(refreshed);
    await refreshed;
  });

  it('reports a member whose access role cannot be assumed as a failure, and the others still answer', async () => {
    const { toAwsError } = await import('@/lib/aws/errors');
    const failure = await evidence.getRoleEvidence({ memberAccountId: '210987654311' }).then(
      () => 'collected',
      (error: unknown) => toAwsError(error).kind,
    );
    expect(failure).toBe('access-denied');
    const hub = await evidence.getRoleEvidence({ memberAccountId: NETWORK_HUB });
    expect(hub.roleArn).toBe(roleArnOf(NETWORK_HUB));
  });
});
