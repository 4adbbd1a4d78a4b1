import 'server-only';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { Semaphore } from '@/lib/audit/semaphore';
import {
  describeOrganization,
  listAccountsForParent,
  listOrganizationalUnitsForParent,
  listRoots,
} from '@/lib/aws/organizations';
import type { OrganizationAccountRecord } from '@/lib/aws/types';
import { runDirectly, type CallRunner } from '@/lib/aws/paging';
import type { OrgAccount, OrgStructure, OrgUnitNode } from '@/lib/org/types';

// Which accounts the organization audit covers, and where each sits: the tree of roots and organizational units
// from AWS Organizations, or a flat list when the accounts are named explicitly (ATLAS_ACCOUNT_IDS).

/** Parents read at once while walking the tree: Organizations allows a few requests per second per account. */
const TREE_CONCURRENCY = 4;

export const LISTED_ACCOUNTS_ROOT_ID = 'listed-accounts';

/** A flat structure for an explicit account list: names are unknown without Organizations, so the id stands in. */
export function getListedStructure(accountIds: string[], callerAccountId: string): OrgStructure {
  return {
    source: 'account-list',
    callerAccountId,
    tree: [{ id: LISTED_ACCOUNTS_ROOT_ID, name: 'Listed accounts', kind: 'root', children: [], accountIds: [...accountIds] }],
    accounts: accountIds.map((id) => ({ id, name: id, parentId: LISTED_ACCOUNTS_ROOT_ID, ouPath: [], isCaller: id === callerAccountId })),
    warnings: [],
  };
}

function toOrgAccount(record: OrganizationAccountRecord, parent: OrgUnitNode, ouPath: string[], callerAccountId: string): OrgAccount {
  return {
    id: record.id,
    name: record.name || record.id,
    ...(record.email ? { email: record.email } : {}),
    ...(record.arn ? { arn: record.arn } : {}),
    ...(record.status ? { status: record.status } : {}),
    ...(record.state ? { state: record.state } : {}),
    ...(record.joinedMethod ? { joinedMethod: record.joinedMethod } : {}),
    parentId: parent.id,
    ouPath,
    isCaller: record.id === callerAccountId,
  };
}

/**
 * Walks the organization from its roots: each unit's child units and accounts are read together, and sibling
 * units in parallel (a few at a time). Fails with an AwsError when Organizations cannot be read
 * (not-in-organization, access-denied, throttled past the SDK's retries).
 */
export async function readOrganizationStructure(options: {
  client: OrganizationsClient;
  callerAccountId: string;
  run?: CallRunner;
}): Promise<OrgStructure> {
  const { client, callerAccountId } = options;
  const run = options.run ?? runDirectly;
  const limit = new Semaphore(TREE_CONCURRENCY);
  const organization = await describeOrganization(client, { run });
  const roots = await listRoots(client, { run });
  const accounts: OrgAccount[] = [];

  async function fill(node: OrgUnitNode, path: string[]): Promise<void> {
    const [units, members] = await Promise.all([
      limit.use(() => listOrganizationalUnitsForParent(client, node.id, { run })),
      limit.use(() => listAccountsForParent(client, node.id, { run })),
    ]);
    const sortedMembers = [...members].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    node.accountIds = sortedMembers.map((member) => member.id);
    for (const member of sortedMembers) accounts.push(toOrgAccount(member, node, path, callerAccountId));
    node.children = [...units]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((unit) => ({ id: unit.id, name: unit.name, kind: 'ou' as const, children: [], accountIds: [] }));
    await Promise.all(node.children.map((child) => fill(child, [...path, child.name])));
  }

  const tree: OrgUnitNode[] = roots.map((root) => ({ id: root.id, name: root.name, kind: 'root', children: [], accountIds: [] }));
  await Promise.all(tree.map((root) => fill(root, [])));
  // Units are read in parallel: the order of the list is made stable here, by place in the tree, then name.
  accounts.sort((a, b) => a.ouPath.join('/').localeCompare(b.ouPath.join('/')) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    source: 'organizations',
    organizationId: organization.id,
    managementAccountId: organization.managementAccountId,
    callerAccountId,
    tree,
    accounts,
    warnings: [],
  };
}
