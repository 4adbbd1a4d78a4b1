import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningSandbox } from '@/sandbox/server';

// The wizard's permission check through the real SDK against the sandbox account's iam:SimulatePrincipalPolicy.

let sandbox: RunningSandbox;
let dataDir: string;
let lifecycle: typeof import('./iam-lifecycle');
let client: import('@aws-sdk/client-iam').IAMClient;

async function admin(route: string, body: unknown): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/${route}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(response.ok).toBe(true);
}

beforeAll(async () => {
  const { startSandbox } = await import('@/sandbox/server');
  dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-iam-lifecycle-test-'));
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataDir, scenario: 'demo' });
  vi.stubEnv('ATLAS_TARGET', 'sandbox');
  vi.stubEnv('SANDBOX_PORT', String(sandbox.port));
  vi.resetModules();
  lifecycle = await import('./iam-lifecycle');
  client = (await import('./clients')).getAwsClients().iam();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('checkWizardPermissions against the sandbox', () => {
  beforeEach(async () => {
    await admin('reset', { scenario: 'demo' });
    await admin('faults', { clear: true });
  });

  it('checks every action the wizard needs for the sandbox caller, all allowed', async () => {
    const check = await lifecycle.checkWizardPermissions(client, 'arn:aws:iam::123456789012:user/sandbox-admin');
    expect(check).toEqual({
      kind: 'checked',
      policySourceArn: 'arn:aws:iam::123456789012:user/sandbox-admin',
      results: lifecycle.WIZARD_ACTIONS.map((action) => ({ action, decision: 'allowed' })),
    });
  });

  it("simulates an assumed role's own policies, found through its role ARN", async () => {
    const check = await lifecycle.checkWizardPermissions(client, 'arn:aws:sts::123456789012:assumed-role/AtlasMaintenanceWindowRole/session');
    expect(check.kind).toBe('checked');
    if (check.kind !== 'checked') return;
    expect(check.policySourceArn).toBe('arn:aws:iam::123456789012:role/AtlasMaintenanceWindowRole');
    const decisions = Object.fromEntries(check.results.map((result) => [result.action, result.decision]));
    // AmazonSSMMaintenanceWindowRole grants no IAM deletion.
    expect(decisions['iam:DeleteServiceLinkedRole']).toBe('implicitDeny');
  });

  it('says the permissions were not checked when the caller may not simulate', async () => {
    await admin('faults', { faults: [{ service: 'iam', operation: 'SimulatePrincipalPolicy', accessDenied: true }] });
    const check = await lifecycle.checkWizardPermissions(client, 'arn:aws:iam::123456789012:user/sandbox-admin');
    expect(check).toEqual({ kind: 'not-checked', reason: 'The caller may not call iam:SimulatePrincipalPolicy, so its permissions were not checked.' });
  });
});
