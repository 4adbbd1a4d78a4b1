// The `org` scenario's facts, in one place, for the scenario builder and for tests to import: the organization's
// accounts, their OUs and states, how each is reached, and what relies on the service-linked role in each.
// Plain data, no imports: a test can use it as its oracle without loading the sandbox.

/** The management account: the sandbox's own, whose long-term keys the sandbox accepts. */
export const ORG_MANAGEMENT_ACCOUNT_ID = '123456789012';
/** The member role the management account assumes (AWS Organizations' default name). */
export const ORG_ACCESS_ROLE_NAME = 'OrganizationAccountAccessRole';
/** The external id that one member's access role requires (`sts:ExternalId`). Roles without the condition ignore it. */
export const ORG_EXTERNAL_ID = 'ssm-role-atlas-org-7f3c9a';

export type OrgAccountState = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

/** How the dashboard reaches an account. */
export type OrgAccountAccess =
  /** Long-term keys, no AssumeRole. */
  | { kind: 'management' }
  /** AssumeRole on `arn:aws:iam::<id>:role/<roleName>` succeeds (with the external id when one is named). */
  | { kind: 'role'; roleName: string; externalId?: string }
  /** AssumeRole is refused with AccessDenied: no access role (invited account), or the account is not ACTIVE. */
  | { kind: 'denied'; reason: 'no-access-role' | 'not-active' };

export interface OrgScenarioAccount {
  id: string;
  name: string;
  email: string;
  /** OU names from the root down; empty for an account directly under the root. */
  ouPath: readonly string[];
  state: OrgAccountState;
  joinedMethod: 'CREATED' | 'INVITED';
  access: OrgAccountAccess;
  isDelegatedAdministrator: boolean;
  /** Whether AWSServiceRoleForAmazonSSM exists in the account. */
  hasServiceLinkedRole: boolean;
  /** Regions where maintenance-window tasks run as the service-linked role (deletion would fail). */
  blockedRegions: readonly string[];
  /** Regions whose Inventory associations or resource data syncs need the role (data lost on deletion). */
  dataImpactRegions: readonly string[];
  /** Opt-in regions the account has enabled (the 17 default regions are always enabled). */
  optedInRegions: readonly string[];
  summary: string;
}

/** Every OU, as a path of names from the root; `Workloads/Production` and `Workloads/Development` are nested. */
export const ORG_OU_PATHS: readonly (readonly string[])[] = [
  ['Security'],
  ['Infrastructure'],
  ['Workloads'],
  ['Workloads', 'Production'],
  ['Workloads', 'Development'],
  ['Suspended'],
];

const createdRole: OrgAccountAccess = { kind: 'role', roleName: ORG_ACCESS_ROLE_NAME };

function account(spec: Omit<OrgScenarioAccount, 'email' | 'joinedMethod' | 'state' | 'access' | 'isDelegatedAdministrator' | 'optedInRegions' | 'hasServiceLinkedRole'> & Partial<OrgScenarioAccount>): OrgScenarioAccount {
  return {
    email: `aws+${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.com`,
    joinedMethod: 'CREATED',
    state: 'ACTIVE',
    access: createdRole,
    isDelegatedAdministrator: false,
    optedInRegions: [],
    hasServiceLinkedRole: true,
    ...spec,
  };
}

/** The management account, clean: the role exists and its one maintenance-window task runs under a custom role. */
function managementAccount(optedInRegions: readonly string[]): OrgScenarioAccount {
  return account({
    id: ORG_MANAGEMENT_ACCOUNT_ID,
    name: 'Management',
    email: 'aws+management@example.com',
    ouPath: [],
    access: { kind: 'management' },
    optedInRegions,
    blockedRegions: [],
    dataImpactRegions: [],
    summary: 'The management account: the role exists, its one maintenance-window task runs under a custom role.',
  });
}

/** The management account and its 13 members, in account-id order. */
export const ORG_SCENARIO_ACCOUNTS: readonly OrgScenarioAccount[] = [
  managementAccount(['af-south-1', 'ap-southeast-3', 'eu-south-1']),
  account({
    id: '210987654301',
    name: 'Security Tooling',
    ouPath: ['Security'],
    isDelegatedAdministrator: true,
    blockedRegions: [],
    dataImpactRegions: [],
    summary: 'Clean, and a delegated administrator: it may list the organization too.',
  }),
  account({
    id: '210987654302',
    name: 'Log Archive',
    ouPath: ['Security'],
    hasServiceLinkedRole: false,
    blockedRegions: [],
    dataImpactRegions: [],
    summary: 'The service-linked role is absent.',
  }),
  account({
    id: '210987654303',
    name: 'Network Hub',
    ouPath: ['Infrastructure'],
    blockedRegions: ['us-east-1'],
    dataImpactRegions: [],
    summary: 'Blocked in us-east-1: a patching task without a service role.',
  }),
  account({
    id: '210987654304',
    name: 'Shared Services',
    ouPath: ['Infrastructure'],
    blockedRegions: ['eu-central-1', 'eu-west-1'],
    dataImpactRegions: [],
    summary: 'Blocked in eu-west-1 and eu-central-1: tasks that name the service-linked role.',
  }),
  account({
    id: '210987654305',
    name: 'Payments Production',
    ouPath: ['Workloads', 'Production'],
    blockedRegions: ['ap-southeast-2'],
    dataImpactRegions: ['us-east-1'],
    summary: 'Blocked in ap-southeast-2, and Inventory data in us-east-1.',
  }),
  account({
    id: '210987654306',
    name: 'Checkout Production',
    ouPath: ['Workloads', 'Production'],
    blockedRegions: [],
    dataImpactRegions: ['eu-west-1', 'us-east-1'],
    summary: 'Data impact only: Inventory in us-east-1 and eu-west-1, and an Explorer sync in us-east-1; nothing blocks.',
  }),
  account({
    id: '210987654307',
    name: 'Analytics Production',
    ouPath: ['Workloads', 'Production'],
    optedInRegions: ['af-south-1'],
    blockedRegions: ['af-south-1', 'us-west-2'],
    dataImpactRegions: [],
    summary: 'Blocked in us-west-2 and in af-south-1, an opt-in region only this account has enabled.',
  }),
  account({
    id: '210987654308',
    name: 'Payments Development',
    ouPath: ['Workloads', 'Development'],
    blockedRegions: [],
    dataImpactRegions: [],
    summary: 'Clean: the role exists, every task runs under a custom role.',
  }),
  account({
    id: '210987654309',
    name: 'Data Science Sandbox',
    ouPath: ['Workloads', 'Development'],
    access: { kind: 'role', roleName: ORG_ACCESS_ROLE_NAME, externalId: ORG_EXTERNAL_ID },
    blockedRegions: ['eu-west-2'],
    dataImpactRegions: [],
    summary: `Its access role requires the external id ${ORG_EXTERNAL_ID}; blocked in eu-west-2.`,
  }),
  account({
    id: '210987654310',
    name: 'Mobile Backend',
    ouPath: ['Workloads', 'Development'],
    blockedRegions: ['ap-northeast-1', 'us-east-1'],
    dataImpactRegions: ['ap-northeast-1'],
    summary: 'Blocked in us-east-1 and ap-northeast-1, with Inventory data in ap-northeast-1.',
  }),
  account({
    id: '210987654311',
    name: 'Acquired Retail',
    ouPath: [],
    joinedMethod: 'INVITED',
    access: { kind: 'denied', reason: 'no-access-role' },
    blockedRegions: ['us-east-1'],
    dataImpactRegions: [],
    summary: `Invited, without ${ORG_ACCESS_ROLE_NAME}: AssumeRole is denied, so its state is unknown (it is in fact blocked in us-east-1).`,
  }),
  account({
    id: '210987654312',
    name: 'Legacy Marketing',
    ouPath: ['Suspended'],
    state: 'SUSPENDED',
    access: { kind: 'denied', reason: 'not-active' },
    blockedRegions: [],
    dataImpactRegions: [],
    summary: 'SUSPENDED: listed, but its role cannot be assumed.',
  }),
  account({
    id: '210987654313',
    name: 'Old Experiments',
    ouPath: ['Suspended'],
    state: 'PENDING_CLOSURE',
    access: { kind: 'denied', reason: 'not-active' },
    blockedRegions: [],
    dataImpactRegions: [],
    summary: 'PENDING_CLOSURE: listed, but its role cannot be assumed.',
  }),
];

function findAccount(predicate: (candidate: OrgScenarioAccount) => boolean): OrgScenarioAccount {
  const found = ORG_SCENARIO_ACCOUNTS.find(predicate);
  if (!found) throw new Error('org scenario facts are inconsistent');
  return found;
}

/** The accounts that each play one part in the scenario. */
export const ORG_ACCOUNTS = {
  management: findAccount((candidate) => candidate.access.kind === 'management'),
  delegatedAdministrator: findAccount((candidate) => candidate.isDelegatedAdministrator),
  roleAbsent: findAccount((candidate) => !candidate.hasServiceLinkedRole),
  clean: findAccount((candidate) => candidate.id === '210987654308'),
  dataImpactOnly: findAccount((candidate) => candidate.id === '210987654306'),
  externalId: findAccount((candidate) => candidate.access.kind === 'role' && candidate.access.externalId !== undefined),
  denied: findAccount((candidate) => candidate.access.kind === 'denied' && candidate.access.reason === 'no-access-role'),
  suspended: findAccount((candidate) => candidate.state === 'SUSPENDED'),
  pendingClosure: findAccount((candidate) => candidate.state === 'PENDING_CLOSURE'),
} as const;

/** The ARN of the role to assume in a member account. */
export function getOrgAccessRoleArn(accountId: string, roleName: string = ORG_ACCESS_ROLE_NAME): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

// ---------- org-large ----------

/** How many accounts `org-large` holds, the management account included. */
export const ORG_LARGE_ACCOUNT_COUNT = 200;

/** The OUs of `org-large`; `Workloads/Production` and `Workloads/Development` are nested. */
export const ORG_LARGE_OU_PATHS: readonly (readonly string[])[] = [
  ['Platform'],
  ['Workloads'],
  ['Workloads', 'Production'],
  ['Workloads', 'Development'],
  ['Sandbox'],
  ['Suspended'],
];

/** The 17 regions every account has enabled without opting in. */
const DEFAULT_REGIONS = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
  'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1',
  'us-west-2',
] as const;

function regionAt(index: number): string {
  return DEFAULT_REGIONS[index % DEFAULT_REGIONS.length]!;
}

/**
 * The accounts of `org-large`: the management account and 199 members (ids 3000000000NN…), spread over the OUs.
 * By member number n (1…199): n % 10 of 1–3 blocked in one region, 4 blocked in two, 5 data impact only,
 * 6 role absent, else clean; members 197 and 198 are SUSPENDED, 199 is invited without an access role.
 */
export function listOrgLargeAccounts(): OrgScenarioAccount[] {
  const accounts: OrgScenarioAccount[] = [
    managementAccount([]),
  ];
  for (let number = 1; number < ORG_LARGE_ACCOUNT_COUNT; number += 1) {
    const kind = number % 10;
    const ouPath = number >= 197 ? ['Suspended'] : (ORG_LARGE_OU_PATHS[number % 5] ?? []);
    const blockedRegions = kind >= 1 && kind <= 3 ? [regionAt(number)] : kind === 4 ? [regionAt(number), regionAt(number + 5)].sort() : [];
    const base = {
      id: `3000000${String(number).padStart(5, '0')}`,
      name: `Member ${String(number).padStart(3, '0')}`,
      ouPath,
      hasServiceLinkedRole: kind !== 6,
      blockedRegions,
      dataImpactRegions: kind === 5 ? [regionAt(number)] : [],
    };
    if (number === 199) {
      accounts.push(account({ ...base, joinedMethod: 'INVITED', access: { kind: 'denied', reason: 'no-access-role' }, summary: 'Invited without an access role.' }));
    } else if (number >= 197) {
      accounts.push(account({ ...base, state: 'SUSPENDED', access: { kind: 'denied', reason: 'not-active' }, summary: 'SUSPENDED.' }));
    } else {
      accounts.push(account({ ...base, summary: `Member ${number}.` }));
    }
  }
  return accounts;
}
