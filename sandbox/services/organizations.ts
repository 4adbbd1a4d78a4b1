import { z } from 'zod';
import { decodePageToken, fingerprintRequest, takePage } from '../ids';
import {
  SandboxError,
  type HandlerContext,
  type OrganizationAccount,
  type OrganizationalUnit,
  type OrganizationState,
  type SandboxState,
  type ServiceDefinition,
} from '../types';
import { optionalToken, toEpochSeconds } from './aws-input';

// AWS Organizations (JSON 1.1, AWSOrganizationsV20161128): the organization, its root, OUs and accounts, read by
// the management account or a delegated administrator. Any account of the organization may describe it; an
// account outside it gets AWSOrganizationsNotInUseException.

const MAX_PAGE_SIZE = 20;
/**
 * Pages end early at every multiple of this many items, with a NextToken, as AWS's pages sometimes hold fewer items
 * than MaxResults: a client must follow the token until it is absent.
 */
export const ORGANIZATIONS_PAGE_BREAK = 12;

const PARENT_ID_PATTERN = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const CHILD_ID_PATTERN = /^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const ACCOUNT_ID_PATTERN = /^\d{12}$/;

// ---------- errors ----------

function invalidInput(reason: string, message: string): SandboxError {
  const error = new SandboxError('InvalidInputException', message, 400);
  error.fields = { Reason: reason };
  return error;
}

function notInUse(): SandboxError {
  return new SandboxError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', 400);
}

function accessDenied(): SandboxError {
  return new SandboxError('AccessDeniedException', "You don't have permissions to access this resource.", 400);
}

function parentNotFound(): SandboxError {
  return new SandboxError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.", 400);
}

// ---------- input ----------

function readOptionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidInput('INVALID_ENUM', `${name} must be a string.`);
  return value;
}

function readRequiredId(input: Record<string, unknown>, name: string, pattern: RegExp): string {
  const value = readOptionalString(input, name);
  if (value === undefined || value === '') throw invalidInput('INPUT_REQUIRED', `You must specify a value for ${name}.`);
  if (!pattern.test(value)) throw invalidInput('INVALID_PATTERN', `You provided a value for ${name} that doesn't match the required pattern.`);
  return value;
}

const maxResultsSchema = z.coerce.number().int();

function readMaxResults(input: Record<string, unknown>): number {
  if (input.MaxResults === undefined || input.MaxResults === null) return MAX_PAGE_SIZE;
  const parsed = maxResultsSchema.safeParse(input.MaxResults);
  if (!parsed.success) throw invalidInput('INVALID_ENUM', 'MaxResults must be a number.');
  if (parsed.data < 1) throw invalidInput('MIN_VALUE_EXCEEDED', 'You provided a value that is less than the minimum allowed: MaxResults must be at least 1.');
  if (parsed.data > MAX_PAGE_SIZE) throw invalidInput('MAX_VALUE_EXCEEDED', `You provided a value that exceeds the maximum allowed: MaxResults must be at most ${MAX_PAGE_SIZE}.`);
  return parsed.data;
}

/** One page of `items` sorted by `keyOf`, at most MaxResults long and ending at the next page break. */
function readPage<T>(ctx: HandlerContext, input: Record<string, unknown>, items: T[], keyOf: (item: T) => string, scope: unknown): { page: T[]; NextToken?: string } {
  const maxResults = readMaxResults(input);
  const token = optionalToken(readOptionalString(input, 'NextToken'));
  const fingerprint = fingerprintRequest([ctx.operation, scope]);
  let position = 0;
  if (token !== undefined) {
    const cursor = decodePageToken(token, fingerprint);
    if (!cursor) throw invalidInput('INVALID_NEXT_TOKEN', 'You specified an invalid value for the NextToken request parameter.');
    position = items.filter((item) => keyOf(item) <= cursor.after).length;
  }
  const pageSize = Math.min(maxResults, ORGANIZATIONS_PAGE_BREAK - (position % ORGANIZATIONS_PAGE_BREAK));
  const page = takePage(items, keyOf, pageSize, token, fingerprint);
  if (!page) throw invalidInput('INVALID_NEXT_TOKEN', 'You specified an invalid value for the NextToken request parameter.');
  return { page: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

// ---------- access ----------

/** The organization the caller's account belongs to. */
function requireMembership(state: SandboxState, ctx: HandlerContext): OrganizationState {
  const organization = state.organization;
  if (!organization || !organization.accounts[ctx.accountId]) throw notInUse();
  return organization;
}

/** The organization, when the caller may list it: its management account or a delegated administrator. */
function requireReader(state: SandboxState, ctx: HandlerContext): OrganizationState {
  const organization = requireMembership(state, ctx);
  const isReader = ctx.accountId === organization.managementAccountId || organization.delegatedAdministratorIds.includes(ctx.accountId);
  if (!isReader) throw accessDenied();
  return organization;
}

function requireParent(organization: OrganizationState, parentId: string): void {
  if (parentId !== organization.root.id && !organization.organizationalUnits[parentId]) throw parentNotFound();
}

// ---------- output shapes ----------

function toAccount(account: OrganizationAccount): Record<string, unknown> {
  return {
    Id: account.id,
    Arn: account.arn,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.state,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: toEpochSeconds(account.joinedTimestamp),
  };
}

function toOrganizationalUnit(unit: OrganizationalUnit): Record<string, unknown> {
  return { Id: unit.id, Arn: unit.arn, Name: unit.name };
}

const SCP_ENABLED = [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }];

// ---------- operations ----------

function describeOrganization(ctx: HandlerContext): unknown {
  return ctx.store.read((state) => {
    const organization = requireMembership(state, ctx);
    return {
      Organization: {
        Id: organization.id,
        Arn: organization.arn,
        FeatureSet: organization.featureSet,
        MasterAccountArn: organization.accounts[organization.managementAccountId]?.arn,
        MasterAccountId: organization.managementAccountId,
        MasterAccountEmail: organization.managementAccountEmail,
        AvailablePolicyTypes: SCP_ENABLED,
      },
    };
  });
}

function listRoots(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  return ctx.store.read((state) => {
    const { root } = requireReader(state, ctx);
    const { page, ...rest } = readPage(ctx, input, [root], (item) => item.id, null);
    return { Roots: page.map((item) => ({ Id: item.id, Arn: item.arn, Name: item.name, PolicyTypes: SCP_ENABLED })), ...rest };
  });
}

function listAccounts(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  return ctx.store.read((state) => {
    const organization = requireReader(state, ctx);
    const { page, ...rest } = readPage(ctx, input, Object.values(organization.accounts), (account) => account.id, null);
    return { Accounts: page.map(toAccount), ...rest };
  });
}

/** One page of the accounts or OUs (per `select`) directly under the request's ParentId. */
function listUnderParent<T extends { id: string; parentId: string }>(
  ctx: HandlerContext,
  input: Record<string, unknown>,
  select: (organization: OrganizationState) => T[],
  scope: string,
): { page: T[]; NextToken?: string } {
  const parentId = readRequiredId(input, 'ParentId', PARENT_ID_PATTERN);
  return ctx.store.read((state) => {
    const organization = requireReader(state, ctx);
    requireParent(organization, parentId);
    const items = select(organization).filter((item) => item.parentId === parentId);
    return readPage(ctx, input, items, (item) => item.id, [parentId, scope]);
  });
}

function listAccountsForParent(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const { page, ...rest } = listUnderParent(ctx, input, (organization) => Object.values(organization.accounts), 'ACCOUNT');
  return { Accounts: page.map(toAccount), ...rest };
}

function listOrganizationalUnitsForParent(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const { page, ...rest } = listUnderParent(ctx, input, (organization) => Object.values(organization.organizationalUnits), 'ORGANIZATIONAL_UNIT');
  return { OrganizationalUnits: page.map(toOrganizationalUnit), ...rest };
}

function listChildren(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const childType = readOptionalString(input, 'ChildType');
  if (childType !== 'ACCOUNT' && childType !== 'ORGANIZATIONAL_UNIT') {
    throw invalidInput(childType === undefined ? 'INPUT_REQUIRED' : 'INVALID_ENUM', 'ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.');
  }
  const { page, ...rest } = listUnderParent<{ id: string; parentId: string }>(
    ctx,
    input,
    (organization) => (childType === 'ACCOUNT' ? Object.values(organization.accounts) : Object.values(organization.organizationalUnits)),
    `children/${childType}`,
  );
  return { Children: page.map((child) => ({ Id: child.id, Type: childType })), ...rest };
}

function listParents(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const childId = readRequiredId(input, 'ChildId', CHILD_ID_PATTERN);
  return ctx.store.read((state) => {
    const organization = requireReader(state, ctx);
    const parentId = organization.accounts[childId]?.parentId ?? organization.organizationalUnits[childId]?.parentId;
    if (!parentId) throw new SandboxError('ChildNotFoundException', "We can't find an organizational unit (OU) or Amazon Web Services account with the ChildId that you specified.", 400);
    const parents = [{ Id: parentId, Type: parentId === organization.root.id ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
    const { page, ...rest } = readPage(ctx, input, parents, (parent) => parent.Id, childId);
    return { Parents: page, ...rest };
  });
}

function describeAccount(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const accountId = readRequiredId(input, 'AccountId', ACCOUNT_ID_PATTERN);
  return ctx.store.read((state) => {
    const account = requireReader(state, ctx).accounts[accountId];
    if (!account) throw new SandboxError('AccountNotFoundException', "You specified an account that doesn't exist.", 400);
    return { Account: toAccount(account) };
  });
}

function describeOrganizationalUnit(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const unitId = readRequiredId(input, 'OrganizationalUnitId', /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/);
  return ctx.store.read((state) => {
    const unit = requireReader(state, ctx).organizationalUnits[unitId];
    if (!unit) throw new SandboxError('OrganizationalUnitNotFoundException', "We can't find an OU with the OrganizationalUnitId that you specified.", 400);
    return { OrganizationalUnit: toOrganizationalUnit(unit) };
  });
}

export const organizationsService: ServiceDefinition = {
  service: 'organizations',
  operations: {
    DescribeOrganization: describeOrganization,
    DescribeAccount: describeAccount,
    DescribeOrganizationalUnit: describeOrganizationalUnit,
    ListRoots: listRoots,
    ListAccounts: listAccounts,
    ListAccountsForParent: listAccountsForParent,
    ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
    ListChildren: listChildren,
    ListParents: listParents,
  },
};
