import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '@/sandbox/test-support';
import { ORG_ACCOUNTS, ORG_EXTERNAL_ID, ORG_SCENARIO_ACCOUNTS } from '@/sandbox/scenarios/org-facts';

// The organization read through the real SDK against the sandbox's `org` scenario: every page followed (the
// sandbox ends a page at every 12th item with a token), each account in its unit, Organizations' errors as typed
// errors, and the member accounts opened with and without the external id. The oracle is the scenario's facts.

let test: TestSandbox;

async function load(env: Record<string, string> = {}) {
  vi.unstubAllEnvs();
  vi.stubEnv('ATLAS_TARGET', 'sandbox');
  vi.stubEnv('SANDBOX_PORT', String(test.sandbox.port));
  vi.stubEnv('ATLAS_MAX_ATTEMPTS', '1');
  vi.stubEnv('ATLAS_ORG', '1');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return {
    run: await import('@/lib/org/run'),
    clients: await import('@/lib/aws/clients'),
    organizations: await import('@/lib/aws/organizations'),
  };
}

async function setFaults(faults: unknown[]): Promise<void> {
  await test.admin('POST', 'faults', { faults });
}

beforeAll(async () => {
  test = await startTestSandbox({ scenario: 'org' });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await test?.stop();
});

describe('the organization through the SDK', () => {
  it('lists every account of the scenario in its unit, following short pages', async () => {
    const { run } = await load();
    await test.admin('DELETE', 'calls');
    const structure = await run.getOrganizationStructure();
    expect(structure.source).toBe('organizations');
    expect(structure.managementAccountId).toBe(ORG_ACCOUNTS.management.id);
    expect(structure.accounts.map((account) => account.id).sort()).toEqual(ORG_SCENARIO_ACCOUNTS.map((account) => account.id).sort());
    for (const expected of ORG_SCENARIO_ACCOUNTS) {
      const account = structure.accounts.find((candidate) => candidate.id === expected.id);
      expect(account, expected.name).toMatchObject({ name: expected.name, ouPath: [...expected.ouPath], state: expected.state });
    }
    expect(structure.accounts.find((account) => account.isCaller)?.id).toBe(ORG_ACCOUNTS.management.id);
  });

  it('follows every NextToken of ListAccounts to the end', async () => {
    const { clients, organizations } = await load();
    await test.admin('DELETE', 'calls');
    const accounts = await organizations.listAccounts(clients.getAwsClients().organizations());
    expect(accounts).toHaveLength(ORG_SCENARIO_ACCOUNTS.length);
    const { body } = await test.admin('GET', 'calls');
    const pages = (body.calls as Array<{ operation: string }>).filter((call) => call.operation === 'ListAccounts').length;
    // At most 12 a page in the sandbox: more than one page for the scenario's accounts.
    expect(pages).toBe(Math.ceil(ORG_SCENARIO_ACCOUNTS.length / 12));
  });

  it('maps a member account’s AccessDeniedException and a throttled listing to typed errors', async () => {
    const { clients, organizations } = await load({ ATLAS_ORG_EXTERNAL_ID: ORG_EXTERNAL_ID });
    // A member that is not a delegated administrator may not list the organization.
    const member = ORG_SCENARIO_ACCOUNTS.find((account) => account.access.kind === 'role' && !account.isDelegatedAdministrator)!;
    const denied = await organizations.listAccounts(clients.getAwsClients(member.id).organizations()).catch((error: unknown) => error);
    expect(denied).toMatchObject({ name: 'AwsError', kind: 'access-denied', code: 'AccessDeniedException' });
    // The delegated administrator may.
    const listed = await organizations.listAccounts(clients.getAwsClients(ORG_ACCOUNTS.delegatedAdministrator.id).organizations());
    expect(listed).toHaveLength(ORG_SCENARIO_ACCOUNTS.length);

    await setFaults([{ service: 'organizations', throttle: { ratePerSecond: 0.001, burst: 1 } }]);
    try {
      const throttled = await organizations
        .listRoots(clients.getAwsClients().organizations())
        .then(() => organizations.listRoots(clients.getAwsClients().organizations()))
        .catch((error: unknown) => error);
      expect(throttled).toMatchObject({ kind: 'throttled', code: 'TooManyRequestsException' });
    } finally {
      await setFaults([]);
    }
  });

  it('opens the external-id account only with the external id, and never the account without an access role', async () => {
    const withoutId = await load();
    const refused = await withoutId.run.connectToAccount({ id: ORG_ACCOUNTS.externalId.id, isCaller: false }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'access-denied', code: 'AccessDenied' });
    const withId = await load({ ATLAS_ORG_EXTERNAL_ID: ORG_EXTERNAL_ID });
    const opened = await withId.run.connectToAccount({ id: ORG_ACCOUNTS.externalId.id, isCaller: false });
    expect(opened.callerArn).toBe(`arn:aws:sts::${ORG_ACCOUNTS.externalId.id}:assumed-role/OrganizationAccountAccessRole/ssm-role-atlas-dashboard`);
    const denied = await withId.run.connectToAccount({ id: ORG_ACCOUNTS.denied.id, isCaller: false }).catch((error: unknown) => error);
    expect(denied).toMatchObject({ kind: 'access-denied', code: 'AccessDenied' });
  });
});

describe('an account outside any organization', () => {
  it('gets AWSOrganizationsNotInUseException as not-in-organization', async () => {
    await test.admin('POST', 'reset', { scenario: 'demo' });
    try {
      const { run } = await load();
      const failure = await run.getOrganizationStructure().catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'not-in-organization', code: 'AWSOrganizationsNotInUseException' });
    } finally {
      await test.admin('POST', 'reset', { scenario: 'org' });
    }
  });
});
