import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MaintenanceWindowFinding } from '@/lib/audit/types';
import { createSyntheticAudit } from '@/test-support/sample-audits';

// The windows route serves one region's windows from the stored audit, for a grouped region the graph expands.

let dataDir: string;
const audit = createSyntheticAudit({ regionCount: 2, windowsPerRegion: 30, tasksPerWindow: 3, relyingTasksPerWindow: 1 });

// The route reads the stored audit of the caller's account: the caller is the audit's own.
vi.mock('@/lib/aws/sts', () => ({
  getCallerIdentity: async () => ({ accountId: audit.target.accountId, arn: audit.target.callerArn, userId: 'AIDATEST', partition: 'aws' }),
}));
const region = audit.regions[1]!.region.code;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-graph-route-'));
  // The app's settings are read once, on first use: set them before anything reads them.
  process.env.ATLAS_DATA_DIR = path.join(dataDir, 'atlas');
  const { saveAudit } = await import('@/lib/audit/store');
  await saveAudit(audit);
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

  it('refuses cross-site requests before reading anything', async () => {
    const response = await get(`/graph/windows/${region}?audit=${audit.id}`, region, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
  });
});
