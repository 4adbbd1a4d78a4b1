import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditResult, MaintenanceWindowFinding } from '@/lib/audit/types';
import type { OrgAuditResult } from '@/lib/org/types';
import { createSyntheticAudit } from '@/test-support/sample-audits';

// The windows route serves one region's windows from the stored audit, for a grouped region the graph expands.

let dataDir: string;
const audit = createSyntheticAudit({ regionCount: 2, windowsPerRegion: 30, tasksPerWindow: 3, relyingTasksPerWindow: 1 });

// The route reads the stored audit of the caller's account: the caller is the audit's own.
vi.mock('@/lib/aws/sts', () => ({
  getCallerIdentity: async () => ({ accountId: audit.target.accountId, arn: audit.target.callerArn, userId: 'AIDATEST', partition: 'aws' }),
}));
const region = audit.regions[1]!.region.code;
const MEMBER_ID = '210987654321';
// A member account's audit: the same regions with one window fewer in the expanded region, so its answer differs.
const memberAudit: AuditResult = {
  ...audit,
  id: 'member-audit',
  target: { ...audit.target, accountId: MEMBER_ID },
  regions: audit.regions.map((entry, index) =>
    index === 1 && entry.findings ? { ...entry, findings: { ...entry.findings, windows: entry.findings.windows.slice(1) } } : entry,
  ),
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-graph-route-'));
  // The app's settings are read once, on first use: set them before anything reads them.
  process.env.ATLAS_DATA_DIR = path.join(dataDir, 'atlas');
  process.env.ATLAS_ORG = '1';
  const { saveAudit } = await import('@/lib/audit/store');
  await saveAudit(audit);
  const { saveAccountAudit, saveOrgAudit } = await import('@/lib/org/store');
  await saveAccountAudit(MEMBER_ID, memberAudit);
  // Only what the account check reads: the member is an account of the last organization audit.
  const orgAudit = {
    id: 'org-audit',
    startedAt: audit.startedAt,
    finishedAt: audit.finishedAt,
    target: 'sandbox',
    structure: { source: 'account-list', callerAccountId: audit.target.accountId, tree: [], accounts: [{ id: MEMBER_ID }], warnings: [] },
    accounts: [{ account: { id: MEMBER_ID, name: 'Member', isCaller: false }, outcome: { kind: 'error' } }],
    verdict: { kind: 'unknown' },
  } as unknown as OrgAuditResult;
  await saveOrgAudit(orgAudit);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function get(url: string, regionParam: string, headers: Record<string, string> = {}): Promise<Response> {
  const { GET } = await import('./route');
  return GET(new Request(`http://127.0.0.1:3000${url}`, { headers: { host: '127.0.0.1:3000', ...headers } }), {
    params: Promise.resolve({ region: regionParam }),
  });
}

describe('GET /graph/windows/[region]', () => {
  it("answers the region's windows and tasks from the stored audit", async () => {
    const response = await get(`/graph/windows/${region}?audit=${audit.id}`, region, { 'sec-fetch-site': 'same-origin' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: true; data: { regionCode: string; windows: MaintenanceWindowFinding[] } };
    expect(body.data.regionCode).toBe(region);
    expect(body.data.windows).toEqual(audit.regions[1]!.findings!.windows);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses when a newer audit replaced the one on screen', async () => {
    const response = await get(`/graph/windows/${region}?audit=some-older-audit`, region);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toMatch(/newer scan/);
  });

  it('rejects an unknown region and a missing audit id with a clear message', async () => {
    const badRegion = await get(`/graph/windows/mars-north-1?audit=${audit.id}`, 'mars-north-1');
    expect(badRegion.status).toBe(400);
    expect(((await badRegion.json()) as { message: string }).message).toMatch(/Unknown region/);
    const noAudit = await get(`/graph/windows/${region}`, region);
    expect(noAudit.status).toBe(400);
    expect(((await noAudit.json()) as { message: string }).message).toMatch(/audit is required/);
  });

  it('answers 404 for a region the audit holds nothing for', async () => {
    const response = await get(`/graph/windows/eu-south-1?audit=${audit.id}`, 'eu-south-1');
    expect(response.status).toBe(404);
  });

  it("answers a member account's windows from its part of the organization audit, and refuses an unknown account", async () => {
    const response = await get(`/graph/windows/${region}?audit=${memberAudit.id}&account=${MEMBER_ID}`, region);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: true; data: { windows: MaintenanceWindowFinding[] } };
    expect(body.data.windows).toEqual(memberAudit.regions[1]!.findings!.windows);
    expect(body.data.windows).toHaveLength(audit.regions[1]!.findings!.windows.length - 1);
    // The caller's own audit id does not open the member's windows, nor the reverse.
    expect((await get(`/graph/windows/${region}?audit=${audit.id}&account=${MEMBER_ID}`, region)).status).toBe(409);
    expect((await get(`/graph/windows/${region}?audit=${memberAudit.id}`, region)).status).toBe(409);
    for (const account of ['999999999999', '12345', '../../etc']) {
      const refused = await get(`/graph/windows/${region}?audit=${memberAudit.id}&account=${encodeURIComponent(account)}`, region);
      expect(refused.status, account).toBe(404);
      expect(((await refused.json()) as { message: string }).message, account).toMatch(/12-digit|not among the accounts/);
    }
  });

  it('refuses cross-site requests before reading anything', async () => {
    const response = await get(`/graph/windows/${region}?audit=${audit.id}`, region, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
  });
});
