import 'server-only';
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { callAws } from './errors';
import { collectPages, runDirectly, type ReadOptions } from './paging';
import type { OrganizationAccountRecord, OrganizationInfo, OrganizationParentRecord } from './types';

// AWS Organizations reads: the organization, its roots, organizational units and accounts. Lists follow
// NextToken to the end with the largest page AWS allows (20); a page can be short while a token still follows.
// Errors arrive as AwsError: not-in-organization, access-denied (not the management account or a delegated
// administrator), throttled (TooManyRequestsException).

const PAGE_SIZE = 20;

function toAccountRecord(account: Account): OrganizationAccountRecord {
  return {
    id: account.Id ?? '',
    arn: account.Arn ?? '',
    name: account.Name ?? '',
    email: account.Email ?? '',
    ...(account.Status ? { status: account.Status } : {}),
    ...(account.State ? { state: account.State } : {}),
    ...(account.JoinedMethod ? { joinedMethod: account.JoinedMethod } : {}),
    ...(account.JoinedTimestamp ? { joinedAt: account.JoinedTimestamp.toISOString() } : {}),
  };
}

export async function describeOrganization(client: OrganizationsClient, options: ReadOptions = {}): Promise<OrganizationInfo> {
  const run = options.run ?? runDirectly;
  const output = await run({ operation: 'DescribeOrganization' }, (abortSignal) =>
    callAws(() => client.send(new DescribeOrganizationCommand({}), { abortSignal })),
  );
  const organization = output.Organization;
  return {
    id: organization?.Id ?? '',
    arn: organization?.Arn ?? '',
    managementAccountId: organization?.MasterAccountId ?? '',
    ...(organization?.MasterAccountEmail ? { managementAccountEmail: organization.MasterAccountEmail } : {}),
    ...(organization?.FeatureSet ? { featureSet: organization.FeatureSet } : {}),
  };
}

export async function listAccounts(client: OrganizationsClient, options: ReadOptions = {}): Promise<OrganizationAccountRecord[]> {
  const accounts = await collectPages(
    options.run ?? runDirectly,
    { operation: 'ListAccounts' },
    (token, abortSignal) => callAws(() => client.send(new ListAccountsCommand({ MaxResults: PAGE_SIZE, NextToken: token }), { abortSignal })),
    (page) => ({ items: page.Accounts, nextToken: page.NextToken }),
  );
  return accounts.map(toAccountRecord);
}

export async function listRoots(client: OrganizationsClient, options: ReadOptions = {}): Promise<OrganizationParentRecord[]> {
  const roots = await collectPages(
    options.run ?? runDirectly,
    { operation: 'ListRoots' },
    (token, abortSignal) => callAws(() => client.send(new ListRootsCommand({ MaxResults: PAGE_SIZE, NextToken: token }), { abortSignal })),
    (page) => ({ items: page.Roots, nextToken: page.NextToken }),
  );
  return roots.map((root) => ({ id: root.Id ?? '', arn: root.Arn ?? '', name: root.Name ?? 'Root' }));
}

export async function listOrganizationalUnitsForParent(
  client: OrganizationsClient,
  parentId: string,
  options: ReadOptions = {},
): Promise<OrganizationParentRecord[]> {
  const units = await collectPages(
    options.run ?? runDirectly,
    { operation: 'ListOrganizationalUnitsForParent', key: parentId },
    (token, abortSignal) =>
      callAws(() =>
        client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, MaxResults: PAGE_SIZE, NextToken: token }), { abortSignal }),
      ),
    (page) => ({ items: page.OrganizationalUnits, nextToken: page.NextToken }),
  );
  return units.map((unit) => ({ id: unit.Id ?? '', arn: unit.Arn ?? '', name: unit.Name ?? '' }));
}

export async function listAccountsForParent(
  client: OrganizationsClient,
  parentId: string,
  options: ReadOptions = {},
): Promise<OrganizationAccountRecord[]> {
  const accounts = await collectPages(
    options.run ?? runDirectly,
    { operation: 'ListAccountsForParent', key: parentId },
    (token, abortSignal) =>
      callAws(() => client.send(new ListAccountsForParentCommand({ ParentId: parentId, MaxResults: PAGE_SIZE, NextToken: token }), { abortSignal })),
    (page) => ({ items: page.Accounts, nextToken: page.NextToken }),
  );
  return accounts.map(toAccountRecord);
}

export async function describeAccount(client: OrganizationsClient, accountId: string, options: ReadOptions = {}): Promise<OrganizationAccountRecord> {
  const run = options.run ?? runDirectly;
  const output = await run({ operation: 'DescribeAccount', key: accountId }, (abortSignal) =>
    callAws(() => client.send(new DescribeAccountCommand({ AccountId: accountId }), { abortSignal })),
  );
  if (!output.Account) throw new Error(`DescribeAccount returned no account for ${accountId}`);
  return toAccountRecord(output.Account);
}
