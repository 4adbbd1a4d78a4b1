import { createAccountAccessRoleRecord } from '../iam-model';
import { OrganizationBuilder } from '../organization-model';
import type { SandboxState } from '../types';
import { patchBaselineParameters, ScenarioBuilder } from './builders';
import {
  listOrgLargeAccounts,
  ORG_LARGE_OU_PATHS,
  ORG_MANAGEMENT_ACCOUNT_ID,
  ORG_OU_PATHS,
  ORG_SCENARIO_ACCOUNTS,
  type OrgScenarioAccount,
} from './org-facts';

// AWS Organizations scenarios, built from the facts in org-facts.ts (what each account holds and how it can be
// reached): `org`, the management account and 13 members in nested OUs, and `org-large`, 200 accounts.

/** Adds one account's IAM and Systems Manager state as its facts describe. */
function buildAccount(builder: ScenarioBuilder, facts: OrgScenarioAccount, managementAccountId: string, position: number): void {
  const serviceLinkedRole = facts.hasServiceLinkedRole
    ? builder.addServiceLinkedRole(900 + position * 17, { daysAgo: 0.5 + position, region: facts.blockedRegions[0] ?? 'us-east-1' })
    : undefined;
  if (facts.access.kind === 'role' || (facts.access.kind === 'denied' && facts.access.reason === 'not-active')) {
    const roleName = facts.access.kind === 'role' ? facts.access.roleName : undefined;
    const externalId = facts.access.kind === 'role' ? facts.access.externalId : undefined;
    builder.addRole(
      createAccountAccessRoleRecord({
        accountId: facts.id,
        trustedAccountId: managementAccountId,
        createDate: builder.daysAgo(1000 + position),
        ...(roleName ? { roleName } : {}),
        ...(externalId ? { externalId } : {}),
      }),
    );
  }
  // Every account patches us-east-1 under its own custom role: work that does not rely on the service-linked role.
  const customRole = builder.addCustomWindowRole(400);
  const routine = builder.addWindow('us-east-1', { name: 'patch-under-custom-role', schedule: 'cron(0 5 ? * SAT *)', createdDaysAgo: 300 });
  builder.addTask(routine, {
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    name: 'install-patches',
    serviceRoleArn: customRole.arn,
    invocationParameters: patchBaselineParameters('Install'),
  });
  facts.blockedRegions.forEach((regionCode, index) => {
    const window = builder.addWindow(regionCode, { name: `patch-fleet-${regionCode}`, schedule: 'cron(0 3 ? * SUN *)', createdDaysAgo: 500 });
    // Alternately no ServiceRoleArn at all and the role's own ARN: both run as the service-linked role.
    const namesRole = index % 2 === 1 && serviceLinkedRole !== undefined;
    builder.addTask(window, {
      type: 'RUN_COMMAND',
      taskArn: 'AWS-RunPatchBaseline',
      name: 'scan-patches',
      invocationParameters: patchBaselineParameters('Scan'),
      ...(namesRole ? { serviceRoleArn: serviceLinkedRole.arn } : {}),
    });
  });
  for (const regionCode of facts.dataImpactRegions) {
    builder.addInventoryAssociation(regionCode, 'inventory-all-managed', [{ Key: 'InstanceIds', Values: ['*'] }]);
  }
  if (facts.blockedRegions.length === 0 && facts.dataImpactRegions.length > 0) {
    builder.addExplorerSync(facts.dataImpactRegions.includes('us-east-1') ? 'us-east-1' : facts.dataImpactRegions[0]!, 'atlas-explorer', facts.dataImpactRegions.slice());
  }
}

/** An organization scenario: every account's state as its facts say, and the organization around them. */
function buildOrganizationScenario(
  scenario: string,
  nowMs: number,
  accounts: readonly OrgScenarioAccount[],
  ouPaths: readonly (readonly string[])[],
): SandboxState {
  const [management, ...members] = accounts;
  if (!management || management.id !== ORG_MANAGEMENT_ACCOUNT_ID) throw new Error(`scenario ${scenario} starts with its management account`);
  const managementBuilder = new ScenarioBuilder(scenario, nowMs, management.optedInRegions);
  buildAccount(managementBuilder, management, management.id, 0);
  const state = managementBuilder.state;
  members.forEach((facts, index) => {
    const builder = new ScenarioBuilder(scenario, nowMs, facts.optedInRegions, { accountId: facts.id, state });
    buildAccount(builder, facts, management.id, index + 1);
  });

  const organization = new OrganizationBuilder(scenario, management.id, management.email);
  const unitIds = new Map<string, string>();
  for (const path of ouPaths) {
    const parentId = path.length > 1 ? unitIds.get(path.slice(0, -1).join('/')) : organization.rootId;
    if (!parentId) throw new Error(`OU ${path.join('/')} is listed before its parent`);
    unitIds.set(path.join('/'), organization.addOrganizationalUnit(path[path.length - 1]!, parentId).id);
  }
  accounts.forEach((facts, index) => {
    const parentId = facts.ouPath.length === 0 ? organization.rootId : unitIds.get(facts.ouPath.join('/'));
    if (!parentId) throw new Error(`Account ${facts.id} names an unknown OU ${facts.ouPath.join('/')}`);
    organization.addAccount({
      id: facts.id,
      name: facts.name,
      email: facts.email,
      parentId,
      state: facts.state,
      joinedMethod: facts.joinedMethod,
      joinedTimestamp: managementBuilder.daysAgo(index === 0 ? 2000 : 1900 - ((index * 7) % 1800)),
    });
    if (facts.isDelegatedAdministrator) organization.organization.delegatedAdministratorIds.push(facts.id);
  });
  state.organization = organization.organization;
  return state;
}

export function buildOrgScenario(nowMs: number): SandboxState {
  return buildOrganizationScenario('org', nowMs, ORG_SCENARIO_ACCOUNTS, ORG_OU_PATHS);
}

export function buildOrgLargeScenario(nowMs: number): SandboxState {
  return buildOrganizationScenario('org-large', nowMs, listOrgLargeAccounts(), ORG_LARGE_OU_PATHS);
}
