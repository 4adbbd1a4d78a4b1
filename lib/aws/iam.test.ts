import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningSandbox } from '@/sandbox/server';

// IAM reads through the real SDK against the sandbox account: decoded documents, absent role, pagination.

let sandbox: RunningSandbox;
let dataDir: string;
let iam: typeof import('./iam');
let client: import('@aws-sdk/client-iam').IAMClient;
let reports: typeof import('@/lib/role/policy-report');
let state: () => Promise<{ accounts: Record<string, { iam: { roles: Record<string, { roleName: string; path: string; assumeRolePolicyDocument: string; roleLastUsed?: { region: string } }> } }> }>;

async function reset(scenario: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST', body: JSON.stringify({ scenario }), headers: { 'content-type': 'application/json' } });
  expect(response.ok).toBe(true);
}

beforeAll(async () => {
  const { startSandbox } = await import('@/sandbox/server');
  dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-iam-test-'));
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataDir, scenario: 'demo' });
  vi.stubEnv('ATLAS_TARGET', 'sandbox');
  vi.stubEnv('SANDBOX_PORT', String(sandbox.port));
  vi.resetModules();
  iam = await import('./iam');
  client = (await import('./clients')).getAwsClients().iam();
  reports = await import('@/lib/role/policy-report');
  state = async () => (await fetch(`${sandbox.url}/_sandbox/state`)).json();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('IAM reads against the sandbox', () => {
  beforeEach(async () => {
    await reset('demo');
  });

  it('reads the service-linked role with its decoded trust policy, path check and last use', async () => {
    const truth = (await state()).accounts['123456789012']?.iam.roles.AWSServiceRoleForAmazonSSM;
    const role = await iam.getServiceLinkedRole(client);
    expect(role).not.toBeNull();
    expect(role?.arn).toBe('arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM');
    expect(role?.path).toBe(truth?.path);
    expect(role?.hasExpectedPath).toBe(true);
    expect(role?.lastUsed?.region).toBe(truth?.roleLastUsed?.region);
    expect(role?.lastUsed?.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(role?.trustPolicy.statements[0]).toMatchObject({ effect: 'Allow', principal: { Service: ['ssm.amazonaws.com'] }, actions: ['sts:AssumeRole'] });
    expect(JSON.parse(role?.trustPolicyJson ?? '')).toEqual(JSON.parse(truth?.assumeRolePolicyDocument ?? ''));
  });

  it('answers null, not an error, when the role is absent', async () => {
    await reset('absent');
    expect(await iam.getServiceLinkedRole(client)).toBeNull();
    expect(await iam.readServiceLinkedRole(client)).toMatchObject({ ok: true, role: null });
  });

  it('lists customer roles trusting ssm.amazonaws.com, leaving out the service-linked role', async () => {
    const roles = await iam.listRolesTrustingService(client, 'ssm.amazonaws.com');
    const names = roles.map((role) => role.roleName);
    expect(names).toContain('AtlasMaintenanceWindowRole');
    expect(names).not.toContain('AWSServiceRoleForAmazonSSM');
    const trusting = Object.values((await state()).accounts['123456789012']?.iam.roles ?? {}).filter(
      (role) => !role.path.startsWith('/aws-service-role/') && role.assumeRolePolicyDocument.includes('ssm.amazonaws.com'),
    );
    expect(names.sort()).toEqual(trusting.map((role) => role.roleName).sort());
    expect(await iam.listRolesTrustingService(client, 'lambda.amazonaws.com')).toEqual([]);
  });

  it('reads the attached managed policy: v16 by default, decoded, with its version history', async () => {
    const results = await reports.getPolicyReports(client, 'AWSServiceRoleForAmazonSSM');
    expect(results).toHaveLength(1);
    const result = results[0];
    if (!result?.ok) throw new Error('the policy report failed');
    const { report } = result;
    expect(report.policy.policyName).toBe('AmazonSSMServiceRolePolicy');
    expect(report.policy.defaultVersionId).toBe('v16');
    expect(report.isServiceRolePolicy).toBe(true);
    expect(report.comparison.matchesKnownVersion).toBe(true);
    expect(report.comparison.isChangedByAws).toBe(false);
    expect(report.comparison.addedSinceDocumented).toHaveLength(34);
    expect(report.versions[0]).toMatchObject({ versionId: 'v16', isDefaultVersion: true });
    expect(report.versions.filter((version) => version.isDefaultVersion)).toHaveLength(1);
    expect(report.json).toContain('"ssm:PutInventory"');
  });

  it('maps a denied read to an access-denied AwsError shown in place', async () => {
    const faults = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [{ service: 'iam', operation: 'GetRole', accessDenied: true }] }),
    });
    expect(faults.ok).toBe(true);
    try {
      const read = await iam.readServiceLinkedRole(client);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error.kind).toBe('access-denied');
    } finally {
      await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clear: true }) });
    }
  });

  it('flags a role that has the name but not the path of the service-linked role', async () => {
    await reset('absent');
    const { CreateRoleCommand } = await import('@aws-sdk/client-iam');
    await client.send(
        new CreateRoleCommand({
          RoleName: 'AWSServiceRoleForAmazonSSM',
          Path: '/impostor/',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
        }),
      );
    const role = await iam.getServiceLinkedRole(client);
    expect(role?.path).toBe('/impostor/');
    expect(role?.hasExpectedPath).toBe(false);
    expect(role?.arn).toBe('arn:aws:iam::123456789012:role/impostor/AWSServiceRoleForAmazonSSM');
    expect(await iam.listAttachedRolePolicies(client, 'AWSServiceRoleForAmazonSSM')).toEqual([]);
  });
});
