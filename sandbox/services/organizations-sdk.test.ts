import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
  type Account,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeMaintenanceWindowsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  getOrgAccessRoleArn,
  ORG_ACCOUNTS,
  ORG_EXTERNAL_ID,
  ORG_MANAGEMENT_ACCOUNT_ID,
  ORG_OU_PATHS,
  ORG_SCENARIO_ACCOUNTS,
} from '../scenarios/org-facts';
import { captureError, createClientConfig, startTestSandbox, type TestCredentials, type TestSandbox } from '../test-support';
import type { SandboxState } from '../types';

// AWS Organizations and AssumeRole on the `org` scenario, through the real SDK clients: paging, every error the
// organization view meets, and the external id. Expectations come from the scenario's facts (org-facts.ts) and
// the sandbox's raw state.

const CALLER_ARN = `arn:aws:iam::${ORG_MANAGEMENT_ACCOUNT_ID}:user/sandbox-admin`;

describe('AWS Organizations and AssumeRole on the org scenario', () => {
  let test: TestSandbox;
  let organizations: OrganizationsClient;
  let state: SandboxState;

  beforeAll(async () => {
    test = await startTestSandbox({ scenario: 'org' });
    organizations = new OrganizationsClient(createClientConfig(test.sandbox.url));
  });

  beforeEach(async () => {
    await test.admin('POST', 'reset', { scenario: 'org' });
    await test.admin('POST', 'faults', { clear: true });
    state = (await test.admin('GET', 'state')).body as SandboxState;
  });

  afterAll(async () => {
    organizations.destroy();
    await test.stop();
  });

  async function assume(accountId: string, externalId?: string): Promise<TestCredentials> {
    const output = await test.sts.send(
      new AssumeRoleCommand({ RoleArn: getOrgAccessRoleArn(accountId), RoleSessionName: 'ssm-role-atlas', ExternalId: externalId }),
    );
    const credentials = output.Credentials!;
    return { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! };
  }

  function organizationsAs(credentials: TestCredentials): OrganizationsClient {
    return new OrganizationsClient(createClientConfig(test.sandbox.url, 'us-east-1', credentials));
  }

  it('describes the organization to its management account', async () => {
    const output = await organizations.send(new DescribeOrganizationCommand({}));
    const organization = state.organization!;
    expect(output.Organization).toMatchObject({
      Id: organization.id,
      Arn: `arn:aws:organizations::${ORG_MANAGEMENT_ACCOUNT_ID}:organization/${organization.id}`,
      FeatureSet: 'ALL',
      MasterAccountId: ORG_MANAGEMENT_ACCOUNT_ID,
      MasterAccountArn: `arn:aws:organizations::${ORG_MANAGEMENT_ACCOUNT_ID}:account/${organization.id}/${ORG_MANAGEMENT_ACCOUNT_ID}`,
      MasterAccountEmail: ORG_ACCOUNTS.management.email,
    });
  });

  it('lists every account across pages of each size from 1 to 20, pages ending early with a token', async () => {
    const expectedIds = ORG_SCENARIO_ACCOUNTS.map((account) => account.id).sort();
    for (const maxResults of [1, 5, 7, 12, 13, 20]) {
      const ids: string[] = [];
      const pageSizes: number[] = [];
      let nextToken: string | undefined;
      do {
        const page = await organizations.send(new ListAccountsCommand({ MaxResults: maxResults, NextToken: nextToken }));
        pageSizes.push(page.Accounts?.length ?? 0);
        ids.push(...(page.Accounts ?? []).map((account) => account.Id!));
        nextToken = page.NextToken;
      } while (nextToken);
      expect({ maxResults, ids }).toEqual({ maxResults, ids: expectedIds });
      expect(pageSizes.every((size) => size <= maxResults)).toBe(true);
    }
    // 14 accounts with MaxResults 20: a first page shorter than asked for, with a NextToken.
    const first = await organizations.send(new ListAccountsCommand({ MaxResults: 20 }));
    expect(first.Accounts!.length).toBeLessThan(ORG_SCENARIO_ACCOUNTS.length);
    expect(first.NextToken).toBeDefined();
    const paged: Account[] = [];
    for await (const page of paginateListAccounts({ client: organizations }, {})) paged.push(...(page.Accounts ?? []));
    expect(paged.map((account) => account.Id).sort()).toEqual(expectedIds);
  });

  it('reports each account with its Status, State, joining method and timestamp', async () => {
    for (const facts of ORG_SCENARIO_ACCOUNTS) {
      const { Account: account } = await organizations.send(new DescribeAccountCommand({ AccountId: facts.id }));
      const stored = state.organization!.accounts[facts.id]!;
      expect(account).toEqual({
        Id: facts.id,
        Arn: `arn:aws:organizations::${ORG_MANAGEMENT_ACCOUNT_ID}:account/${state.organization!.id}/${facts.id}`,
        Email: facts.email,
        Name: facts.name,
        Status: facts.state,
        State: facts.state,
        JoinedMethod: facts.joinedMethod,
        JoinedTimestamp: new Date(stored.joinedTimestamp),
      });
    }
  });

  it('walks the OU tree: roots, OUs for each parent, accounts for each parent, children and parents', async () => {
    const roots = await organizations.send(new ListRootsCommand({}));
    expect(roots.Roots).toHaveLength(1);
    const rootId = roots.Roots![0]!.Id!;
    expect(rootId).toBe(state.organization!.root.id);

    // Walk the tree from the root and compare each account's OU path with the facts.
    const pathOfAccount = new Map<string, string>();
    const queue: Array<{ id: string; path: string[] }> = [{ id: rootId, path: [] }];
    const seenPaths: string[] = [];
    while (queue.length > 0) {
      const parent = queue.shift()!;
      const units = await organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, MaxResults: 1 }));
      let unitToken = units.NextToken;
      const allUnits = [...(units.OrganizationalUnits ?? [])];
      while (unitToken) {
        const more = await organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, MaxResults: 1, NextToken: unitToken }));
        allUnits.push(...(more.OrganizationalUnits ?? []));
        unitToken = more.NextToken;
      }
      for (const unit of allUnits) {
        const path = [...parent.path, unit.Name!];
        seenPaths.push(path.join('/'));
        queue.push({ id: unit.Id!, path });
      }
      const accounts = await organizations.send(new ListAccountsForParentCommand({ ParentId: parent.id }));
      for (const account of accounts.Accounts ?? []) pathOfAccount.set(account.Id!, parent.path.join('/'));
      const children = await organizations.send(new ListChildrenCommand({ ParentId: parent.id, ChildType: 'ACCOUNT' }));
      expect(children.Children?.map((child) => child.Id).sort()).toEqual((accounts.Accounts ?? []).map((account) => account.Id).sort());
    }
    expect(seenPaths.sort()).toEqual(ORG_OU_PATHS.map((path) => path.join('/')).sort());
    for (const facts of ORG_SCENARIO_ACCOUNTS) expect({ id: facts.id, path: pathOfAccount.get(facts.id) }).toEqual({ id: facts.id, path: facts.ouPath.join('/') });

    const parents = await organizations.send(new ListParentsCommand({ ChildId: ORG_ACCOUNTS.denied.id }));
    expect(parents.Parents).toEqual([{ Id: rootId, Type: 'ROOT' }]);
  });

  it('refuses bad page sizes, tokens, ids and unknown parents or accounts with AWS’s errors', async () => {
    const cases: Array<[Promise<unknown>, string, string | undefined]> = [
      [organizations.send(new ListAccountsCommand({ MaxResults: 0 })), 'InvalidInputException', 'MIN_VALUE_EXCEEDED'],
      [organizations.send(new ListAccountsCommand({ MaxResults: 21 })), 'InvalidInputException', 'MAX_VALUE_EXCEEDED'],
      [organizations.send(new ListAccountsCommand({ NextToken: 'not-a-token' })), 'InvalidInputException', 'INVALID_NEXT_TOKEN'],
      [organizations.send(new ListAccountsForParentCommand({ ParentId: 'not-a-parent' })), 'InvalidInputException', 'INVALID_PATTERN'],
      [organizations.send(new ListAccountsForParentCommand({ ParentId: 'ou-abcd-12345678' })), 'ParentNotFoundException', undefined],
      [organizations.send(new DescribeAccountCommand({ AccountId: '999999999999' })), 'AccountNotFoundException', undefined],
    ];
    for (const [call, name, reason] of cases) {
      const error = Object.assign(await captureError(call), {}) as Awaited<ReturnType<typeof captureError>> & { Reason?: string };
      expect({ name: error.name, reason: error.Reason, status: error.$metadata?.httpStatusCode }).toEqual({ name, reason, status: 400 });
    }
    // A token issued for one parent is not valid for another.
    const rootId = state.organization!.root.id;
    const first = await organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId, MaxResults: 1 }));
    const workloads = Object.values(state.organization!.organizationalUnits).find((unit) => unit.name === 'Workloads')!;
    const replayed = (await captureError(
      organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.id, MaxResults: 1, NextToken: first.NextToken })),
    )) as Error & { Reason?: string };
    expect(replayed.Reason).toBe('INVALID_NEXT_TOKEN');
  });

  it('refuses listing to a member that is not a delegated administrator, and lets it describe the organization', async () => {
    const member = organizationsAs(await assume(ORG_ACCOUNTS.clean.id));
    for (const call of [
      member.send(new ListAccountsCommand({})),
      member.send(new ListRootsCommand({})),
      member.send(new DescribeAccountCommand({ AccountId: ORG_ACCOUNTS.clean.id })),
    ]) {
      const error = await captureError(call);
      expect(error.name).toBe('AccessDeniedException');
      expect(error.message).toBe("You don't have permissions to access this resource.");
    }
    const described = await member.send(new DescribeOrganizationCommand({}));
    expect(described.Organization?.MasterAccountId).toBe(ORG_MANAGEMENT_ACCOUNT_ID);
    member.destroy();

    const delegated = organizationsAs(await assume(ORG_ACCOUNTS.delegatedAdministrator.id));
    const listed = await delegated.send(new ListAccountsCommand({ MaxResults: 5 }));
    expect(listed.Accounts).toHaveLength(5);
    delegated.destroy();
  });

  it('answers AWSOrganizationsNotInUseException outside an organization', async () => {
    await test.admin('POST', 'reset', { scenario: 'demo' });
    for (const call of [organizations.send(new DescribeOrganizationCommand({})), organizations.send(new ListAccountsCommand({}))]) {
      const error = await captureError(call);
      expect(error.name).toBe('AWSOrganizationsNotInUseException');
      expect(error.message).toBe('Your account is not a member of an organization.');
    }
  });

  it('throttles with TooManyRequestsException under the throttle fault', async () => {
    await test.admin('POST', 'faults', { faults: [{ service: 'organizations', throttle: { ratePerSecond: 0, burst: 2 } }] });
    await organizations.send(new ListAccountsCommand({}));
    await organizations.send(new ListRootsCommand({}));
    const error = await captureError(organizations.send(new ListAccountsCommand({})));
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('assumes the access role in active members only, with the external id where it is required', async () => {
    const sts = (credentials: TestCredentials) => new STSClient(createClientConfig(test.sandbox.url, 'us-east-1', credentials));
    for (const facts of ORG_SCENARIO_ACCOUNTS) {
      if (facts.access.kind === 'management') continue;
      const roleArn = getOrgAccessRoleArn(facts.id);
      const call = test.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ssm-role-atlas', ExternalId: ORG_EXTERNAL_ID }));
      if (facts.access.kind === 'denied') {
        const error = await captureError(call);
        expect({ id: facts.id, name: error.name, status: error.$metadata?.httpStatusCode }).toEqual({ id: facts.id, name: 'AccessDenied', status: 403 });
        expect(error.message).toBe(`User: ${CALLER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
        continue;
      }
      const output = await call;
      const client = sts({ accessKeyId: output.Credentials!.AccessKeyId!, secretAccessKey: output.Credentials!.SecretAccessKey!, sessionToken: output.Credentials!.SessionToken! });
      const identity = await client.send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe(`arn:aws:sts::${facts.id}:assumed-role/${facts.access.roleName}/ssm-role-atlas`);
      client.destroy();
    }
    const withoutId = await captureError(test.sts.send(new AssumeRoleCommand({ RoleArn: getOrgAccessRoleArn(ORG_ACCOUNTS.externalId.id), RoleSessionName: 'atlas' })));
    expect(withoutId.name).toBe('AccessDenied');
  });

  it('reads each member’s own maintenance windows through its assumed role', async () => {
    const facts = ORG_ACCOUNTS.externalId;
    const region = facts.blockedRegions[0]!;
    const ssm = new SSMClient(createClientConfig(test.sandbox.url, region, await assume(facts.id, ORG_EXTERNAL_ID)));
    const windows = await ssm.send(new DescribeMaintenanceWindowsCommand({}));
    const stored = Object.values(state.accounts[facts.id]!.regions[region]!.windows).map((window) => window.WindowId).sort();
    expect(windows.WindowIdentities?.map((window) => window.WindowId).sort()).toEqual(stored);
    expect(stored.length).toBeGreaterThan(0);
    ssm.destroy();
  });
});
