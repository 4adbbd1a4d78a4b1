import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningSandbox } from '@/sandbox/server';

// The caller identity through the real SDK against the sandbox, and its per-process cache.

let sandbox: RunningSandbox;
let dataDir: string;
let sts: typeof import('./sts');

async function countStsCalls(): Promise<number> {
  const response = await fetch(`${sandbox.url}/_sandbox/calls`);
  const { calls } = (await response.json()) as { calls: Array<{ service: string; operation: string }> };
  return calls.filter((call) => call.service === 'sts' && call.operation === 'GetCallerIdentity').length;
}

beforeAll(async () => {
  const { startSandbox } = await import('@/sandbox/server');
  dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-sts-test-'));
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataDir, scenario: 'demo' });
  vi.stubEnv('ATLAS_TARGET', 'sandbox');
  vi.stubEnv('SANDBOX_PORT', String(sandbox.port));
  vi.resetModules();
  sts = await import('./sts');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('getCallerIdentity', () => {
  it('reads the account, ARN and partition of the caller', async () => {
    const identity = await sts.getCallerIdentity();
    expect(identity.accountId).toBe('123456789012');
    expect(identity.arn).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
    expect(identity.partition).toBe('aws');
    expect(identity.userId).not.toBe('');
  });

  it('asks STS once per cache period, then again when it has run out', async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    const start = Date.now() + 10 * sts.IDENTITY_CACHE_MS; // a fresh period, whatever earlier tests cached
    await sts.getCallerIdentity(start);
    await sts.getCallerIdentity(start + 1_000);
    await sts.getCallerIdentity(start + sts.IDENTITY_CACHE_MS - 1);
    expect(await countStsCalls()).toBe(1);
    await sts.getCallerIdentity(start + sts.IDENTITY_CACHE_MS + 1);
    expect(await countStsCalls()).toBe(2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    const later = Date.now() + 100 * sts.IDENTITY_CACHE_MS;
    const setFaults = (body: unknown) =>
      fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await setFaults({ faults: [{ service: 'sts', accessDenied: true }] });
    await expect(sts.getCallerIdentity(later)).rejects.toMatchObject({ name: 'AwsError', kind: 'access-denied' });
    await setFaults({ clear: true });
    await expect(sts.getCallerIdentity(later + 1)).resolves.toMatchObject({ accountId: '123456789012' });
  });

  it('reads the partition from an ARN', () => {
    expect(sts.getPartitionFromArn('arn:aws-cn:iam::123456789012:user/a')).toBe('aws-cn');
    expect(sts.getPartitionFromArn('arn:aws-us-gov:sts::123456789012:assumed-role/r/s')).toBe('aws-us-gov');
    expect(sts.getPartitionFromArn('not an arn')).toBe('aws');
  });
});
