import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditProgressEvent } from '@/lib/audit/types';
import type { RunningSandbox } from '@/sandbox/server';
import { startSandboxTarget, type SandboxTarget } from '@/test-support/sandbox-target';

// runAudit end to end on the configured target (the sandbox): one scan at a time, stored, and marked stale.

let target: SandboxTarget;
let sandbox: RunningSandbox;
let dataDir: string;

beforeAll(async () => {
  target = await startSandboxTarget('demo', 'atlas-run-');
  ({ sandbox, dataDir } = target);
});

afterAll(async () => {
  await target?.close();
});

describe('runAudit', () => {
  it('joins a running scan instead of starting a second one, then stores the result', async () => {
    const { runAudit, getRunningAudit } = await import('@/lib/audit/run');
    const { getAuditSnapshot, getLastAudit, markAuditStale } = await import('@/lib/audit/store');
    await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });

    const firstEvents: AuditProgressEvent[] = [];
    const secondEvents: AuditProgressEvent[] = [];
    const first = runAudit({ onEvent: (event) => firstEvents.push(event) });
    expect(getRunningAudit()).not.toBeNull();
    // Joins once the scan has made progress: the events so far are replayed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = runAudit({ onEvent: (event) => secondEvents.push(event) });
    const [a, b] = await Promise.all([first, second]);

    expect(b.id).toBe(a.id);
    expect(getRunningAudit()).toBeNull();
    const calls = ((await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()) as { calls: Array<{ operation: string }> }).calls;
    expect(calls.filter((call) => call.operation === 'DescribeRegions')).toHaveLength(1);
    expect(secondEvents.map((event) => event.type)).toEqual(firstEvents.map((event) => event.type));
    expect(firstEvents[0]?.type).toBe('started');
    expect(firstEvents.at(-1)).toMatchObject({ type: 'finished', audit: { id: a.id } });
    const regionEvents = firstEvents.filter((event) => event.type === 'region');
    expect(regionEvents).toHaveLength(a.regions.length);
    expect(regionEvents.at(-1)).toMatchObject({ done: a.regions.length, total: a.regions.length });

    // Stored in the database under the caller's account, with the role's facts read from IAM.
    expect(a.roleExists).toBe(true);
    expect(a.roleLastUsedRegion).toBe('eu-west-1');
    expect((await getLastAudit())?.id).toBe(a.id);
    const database = new DatabaseSync(path.join(dataDir, 'atlas', 'atlas.sqlite'), { readOnly: true });
    const row = database.prepare('SELECT audit FROM audits WHERE target = ? AND account_id = ?').get('sandbox', a.target.accountId) as { audit: string } | undefined;
    database.close();
    expect((JSON.parse(row?.audit ?? '{}') as { id?: string }).id).toBe(a.id);

    expect((await getAuditSnapshot())?.isStale).toBe(false);
    expect((await getAuditSnapshot(Date.parse(a.finishedAt) + 16 * 60 * 1000))?.isStale).toBe(true);
    await markAuditStale('A task was moved to a custom role');
    expect(await getAuditSnapshot()).toMatchObject({ isStale: true, staleReason: 'A task was moved to a custom role' });

    // A new scan clears the stale marker.
    await runAudit();
    expect((await getAuditSnapshot())?.isStale).toBe(false);
  });

  it('scans only the regions asked for, in a scan of its own that is not stored as the last audit', async () => {
    const { runAudit } = await import('@/lib/audit/run');
    const { getLastAudit } = await import('@/lib/audit/store');
    const { ScanMetrics } = await import('@/lib/audit/scanner');
    const stored = await getLastAudit();
    const metrics = new ScanMetrics();
    const partial = await runAudit({ onlyRegions: ['eu-west-1', 'us-east-1'], metrics });
    expect(partial.regions.map((region) => region.region.code)).toEqual(['eu-west-1', 'us-east-1']);
    expect(metrics.calls).toBeGreaterThan(0);
    expect((await getLastAudit())?.id).toBe(stored?.id);
  });

  it('reads an audit another process stored (the command line) instead of the one it kept in memory', async () => {
    const { getLastAudit } = await import('@/lib/audit/store');
    const current = await getLastAudit();
    // Another process writes through its own connection to the same database.
    const other = new DatabaseSync(path.join(dataDir, 'atlas', 'atlas.sqlite'));
    const row = other.prepare('SELECT audit FROM audits WHERE target = ? AND account_id = ?').get('sandbox', current?.target.accountId ?? '') as { audit: string };
    const stored = JSON.parse(row.audit) as { id: string };
    stored.id = 'written-by-another-process';
    other.prepare('UPDATE audits SET audit = ? WHERE target = ? AND account_id = ?').run(JSON.stringify(stored), 'sandbox', current?.target.accountId ?? '');
    other.close();
    expect(current?.id).not.toBe('written-by-another-process');
    expect((await getLastAudit())?.id).toBe('written-by-another-process');
  });
});
