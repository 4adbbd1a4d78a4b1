import { createSeededIds, type IdGenerator } from './ids';
import type { AccountLifecycleState, AccountStatus, OrganizationAccount, OrganizationalUnit, OrganizationState } from './types';

// Builders for an AWS Organization as the sandbox stores it: ids in AWS's formats (o-…, r-…, ou-…-…) drawn from
// a seeded generator, and ARNs under the management account.

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

function lowerAlphanumerics(ids: IdGenerator, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += ALPHANUMERIC[ids.integer(ALPHANUMERIC.length)];
  return text;
}

export interface OrganizationAccountSpec {
  id: string;
  name: string;
  email?: string;
  /** The root (default) or an OU id. */
  parentId?: string;
  state?: AccountLifecycleState;
  joinedMethod?: 'INVITED' | 'CREATED';
  joinedTimestamp: string;
}

/** The deprecated Status that AWS still reports beside State. */
export function toAccountStatus(state: AccountLifecycleState): AccountStatus {
  if (state === 'SUSPENDED' || state === 'CLOSED') return 'SUSPENDED';
  if (state === 'PENDING_CLOSURE') return 'PENDING_CLOSURE';
  return 'ACTIVE';
}

export class OrganizationBuilder {
  readonly organization: OrganizationState;
  private readonly ids: IdGenerator;
  private readonly rootSuffix: string;

  constructor(seed: string, managementAccountId: string, managementEmail: string) {
    this.ids = createSeededIds(`ssm-role-atlas/organization/${seed}`);
    const organizationId = `o-${lowerAlphanumerics(this.ids, 10)}`;
    this.rootSuffix = lowerAlphanumerics(this.ids, 4);
    const rootId = `r-${this.rootSuffix}`;
    this.organization = {
      id: organizationId,
      arn: `arn:aws:organizations::${managementAccountId}:organization/${organizationId}`,
      featureSet: 'ALL',
      managementAccountId,
      managementAccountEmail: managementEmail,
      root: { id: rootId, name: 'Root', arn: `arn:aws:organizations::${managementAccountId}:root/${organizationId}/${rootId}` },
      organizationalUnits: {},
      accounts: {},
      delegatedAdministratorIds: [],
    };
  }

  get rootId(): string {
    return this.organization.root.id;
  }

  addOrganizationalUnit(name: string, parentId: string = this.rootId): OrganizationalUnit {
    const id = `ou-${this.rootSuffix}-${lowerAlphanumerics(this.ids, 8)}`;
    const { managementAccountId, id: organizationId } = this.organization;
    const unit: OrganizationalUnit = { id, name, parentId, arn: `arn:aws:organizations::${managementAccountId}:ou/${organizationId}/${id}` };
    this.organization.organizationalUnits[id] = unit;
    return unit;
  }

  addAccount(spec: OrganizationAccountSpec): OrganizationAccount {
    const state = spec.state ?? 'ACTIVE';
    const { managementAccountId, id: organizationId } = this.organization;
    const account: OrganizationAccount = {
      id: spec.id,
      arn: `arn:aws:organizations::${managementAccountId}:account/${organizationId}/${spec.id}`,
      email: spec.email ?? `aws+${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.com`,
      name: spec.name,
      status: toAccountStatus(state),
      state,
      joinedMethod: spec.joinedMethod ?? 'CREATED',
      joinedTimestamp: spec.joinedTimestamp,
      parentId: spec.parentId ?? this.rootId,
    };
    this.organization.accounts[spec.id] = account;
    return account;
  }
}
