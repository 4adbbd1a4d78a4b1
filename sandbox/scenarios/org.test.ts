import { describe, expect, it } from 'vitest';
import type { AccountState, SandboxState } from '../types';
import { buildScenario } from './index';
import {
  ORG_ACCESS_ROLE_NAME,
  ORG_ACCOUNTS,
  ORG_EXTERNAL_ID,
  ORG_LARGE_ACCOUNT_COUNT,
  ORG_MANAGEMENT_ACCOUNT_ID,
  ORG_SCENARIO_ACCOUNTS,
  listOrgLargeAccounts,
  type OrgScenarioAccount,
} from './org-facts';

// The organization scenarios hold what their facts say: checked here from the raw state, region by region.

const NOW = Date.parse('2026-11-20T12:00:00Z');
const SERVICE_LINKED_ROLE = 'AWSServiceRoleForAmazonSSM';

/** Regions with a maintenance-window task that runs as the service-linked role (no role, or its ARN). */
function blockedRegionsOf(account: AccountState): string[] {
  const roleArn = account.iam.roles[SERVICE_LINKED_ROLE]?.arn;
  return Object.values(account.regions)
    .filter((region) =>
      Object.values(region.windows).some((window) =>
        Object.values(window.tasks).some((task) => task.ServiceRoleArn === undefined || task.ServiceRoleArn === roleArn),
      ),
    )
    .map((region) => region.code)
    .sort();
}

function dataImpactRegionsOf(account: AccountState): string[] {
  return Object.values(account.regions)
    .filter((region) => Object.keys(region.associations).length > 0 || Object.keys(region.dataSyncs).length > 0)
    .map((region) => region.code)
    .sort();
}

function ouPathOf(state: SandboxState, accountId: string): string[] {
  const organization = state.organization!;
  const names: string[] = [];
  let parentId = organization.accounts[accountId]!.parentId;
  while (parentId !== organization.root.id) {
    const unit = organization.organizationalUnits[parentId]!;
    names.unshift(unit.name);
    parentId = unit.parentId;
  }
  return names;
}

function checkAccountsMatchFacts(state: SandboxState, facts: readonly OrgScenarioAccount[]): void {
  expect(Object.keys(state.accounts).sort()).toEqual(facts.map((entry) => entry.id).sort());
  expect(Object.keys(state.organization!.accounts).sort()).toEqual(facts.map((entry) => entry.id).sort());
  for (const entry of facts) {
    const account = state.accounts[entry.id]!;
    const member = state.organization!.accounts[entry.id]!;
    expect({ id: entry.id, hasRole: account.iam.roles[SERVICE_LINKED_ROLE] !== undefined }).toEqual({ id: entry.id, hasRole: entry.hasServiceLinkedRole });
    expect({ id: entry.id, blocked: blockedRegionsOf(account) }).toEqual({ id: entry.id, blocked: [...entry.blockedRegions].sort() });
    expect({ id: entry.id, data: dataImpactRegionsOf(account) }).toEqual({ id: entry.id, data: [...entry.dataImpactRegions].sort() });
    expect(ouPathOf(state, entry.id)).toEqual(entry.ouPath);
    expect(member).toMatchObject({ name: entry.name, email: entry.email, state: entry.state, joinedMethod: entry.joinedMethod });
    const accessRole = account.iam.roles[ORG_ACCESS_ROLE_NAME];
    if (entry.access.kind === 'role') {
      expect(accessRole?.assumeRolePolicyDocument).toContain(`arn:aws:iam::${ORG_MANAGEMENT_ACCOUNT_ID}:root`);
      const hasCondition = accessRole?.assumeRolePolicyDocument.includes('sts:ExternalId') ?? false;
      expect(hasCondition).toBe(entry.access.externalId !== undefined);
    }
    if (entry.access.kind === 'denied' && entry.access.reason === 'no-access-role') expect(accessRole).toBeUndefined();
    if (entry.access.kind === 'denied' && entry.access.reason === 'not-active') expect(member.state).not.toBe('ACTIVE');
  }
}

describe('org scenario', () => {
  const state = buildScenario('org', NOW);

  it('holds the management account and at least 12 members in at least 3 OUs, one nested', () => {
    const organization = state.organization!;
    expect(organization.managementAccountId).toBe(ORG_MANAGEMENT_ACCOUNT_ID);
    expect(Object.keys(organization.accounts).length).toBeGreaterThanOrEqual(13);
    const units = Object.values(organization.organizationalUnits);
    expect(units.length).toBeGreaterThanOrEqual(3);
    expect(units.some((unit) => unit.parentId !== organization.root.id)).toBe(true);
    expect(organization.id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(organization.root.id).toMatch(/^r-[a-z0-9]{4}$/);
    for (const unit of units) expect(unit.id).toMatch(new RegExp(`^ou-${organization.root.id.slice(2)}-[a-z0-9]{8}$`));
  });

  it('holds, account by account, what its facts say', () => {
    checkAccountsMatchFacts(state, ORG_SCENARIO_ACCOUNTS);
  });

  it('has each part the organization view needs', () => {
    const members = ORG_SCENARIO_ACCOUNTS.filter((entry) => entry.id !== ORG_MANAGEMENT_ACCOUNT_ID);
    expect(ORG_ACCOUNTS.roleAbsent.hasServiceLinkedRole).toBe(false);
    expect(ORG_ACCOUNTS.clean.blockedRegions).toEqual([]);
    expect(ORG_ACCOUNTS.clean.dataImpactRegions).toEqual([]);
    expect(ORG_ACCOUNTS.dataImpactOnly.blockedRegions).toEqual([]);
    expect(ORG_ACCOUNTS.dataImpactOnly.dataImpactRegions.length).toBeGreaterThan(0);
    const blockedRegions = new Set(members.filter((entry) => entry.state === 'ACTIVE' && entry.access.kind === 'role').flatMap((entry) => entry.blockedRegions));
    expect(blockedRegions.size).toBeGreaterThanOrEqual(4);
    expect(state.organization!.accounts[ORG_ACCOUNTS.suspended.id]).toMatchObject({ status: 'SUSPENDED', state: 'SUSPENDED' });
    expect(state.organization!.accounts[ORG_ACCOUNTS.pendingClosure.id]).toMatchObject({ status: 'PENDING_CLOSURE', state: 'PENDING_CLOSURE' });
    expect(ORG_ACCOUNTS.denied.joinedMethod).toBe('INVITED');
    expect(state.accounts[ORG_ACCOUNTS.externalId.id]!.iam.roles[ORG_ACCESS_ROLE_NAME]!.assumeRolePolicyDocument).toContain(ORG_EXTERNAL_ID);
    expect(state.organization!.delegatedAdministratorIds).toEqual([ORG_ACCOUNTS.delegatedAdministrator.id]);
    // Only the analytics member has opted in to af-south-1; the management account has its own opt-ins.
    const optedIn = (accountId: string) => Object.values(state.accounts[accountId]!.regions).filter((region) => region.optInStatus === 'opted-in').map((region) => region.code).sort();
    expect(optedIn('210987654307')).toEqual(['af-south-1']);
    expect(optedIn(ORG_ACCOUNTS.clean.id)).toEqual([]);
  });
});

describe('org-large scenario', () => {
  it(`holds ${ORG_LARGE_ACCOUNT_COUNT} accounts as its facts say`, () => {
    const state = buildScenario('org-large', NOW);
    const facts = listOrgLargeAccounts();
    expect(facts).toHaveLength(ORG_LARGE_ACCOUNT_COUNT);
    checkAccountsMatchFacts(state, facts);
  });
});

describe('single-account scenarios', () => {
  it.each(['demo', 'clean', 'absent', 'large'])('%s is one account outside any organization', (name) => {
    const state = buildScenario(name, NOW);
    expect(Object.keys(state.accounts)).toEqual([ORG_MANAGEMENT_ACCOUNT_ID]);
    expect(state.organization).toBeUndefined();
  });
});
