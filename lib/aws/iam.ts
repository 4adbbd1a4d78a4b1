import 'server-only';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolesCommand,
  type IAMClient,
  type Role,
} from '@aws-sdk/client-iam';
import { ROLE_NAME, ROLE_PATH } from '@/lib/role/constants';
import { AwsError, callAws, type AwsErrorInfo } from './errors';
import { collectPages, runDirectly } from './paging';
import { decodePolicy, type PolicyDocument } from './policy-document';
import type {
  AttachedPolicy,
  ManagedPolicy,
  PolicyVersionDocument,
  PolicyVersionSummary,
  RoleDetails,
  RoleSummary,
} from './types';

// IAM reads: the service-linked role, roles trusting a service, and the managed policies attached to a role.
// Every answer is the app's own type; policy documents arrive decoded.

const PAGE_SIZE = 1000;

function toIso(date: Date | undefined): string {
  return date ? date.toISOString() : '';
}

function toRoleSummary(role: Role): RoleSummary {
  return {
    roleName: role.RoleName ?? '',
    arn: role.Arn ?? '',
    path: role.Path ?? '/',
    roleId: role.RoleId ?? '',
    createDate: toIso(role.CreateDate),
    ...(role.Description ? { description: role.Description } : {}),
  };
}

/** Follows IAM's Marker/IsTruncated pagination to the end, with the largest page size. */
function listAllIamPages<Output extends { IsTruncated?: boolean; Marker?: string }, Item>(
  operation: string,
  send: (marker: string | undefined) => Promise<Output>,
  items: (output: Output) => Item[] | undefined,
): Promise<Item[]> {
  return collectPages(
    runDirectly,
    { operation },
    (marker) => callAws(() => send(marker)),
    (output) => ({ items: items(output), nextToken: output.IsTruncated ? output.Marker : undefined }),
  );
}

function versionNumber(versionId: string): number {
  return Number(/^v(\d+)$/.exec(versionId)?.[1] ?? 0);
}

function isNotFound(error: unknown): boolean {
  return error instanceof AwsError && error.kind === 'not-found';
}

/** Reads one role by name; null when IAM says it does not exist. */
export async function getRole(client: IAMClient, roleName: string, abortSignal?: AbortSignal): Promise<RoleDetails | null> {
  let role: Role | undefined;
  try {
    const output = await callAws(() => client.send(new GetRoleCommand({ RoleName: roleName }), { abortSignal }));
    role = output.Role;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  if (!role) return null;
  const trust = decodePolicy(role.AssumeRolePolicyDocument ?? '');
  const lastUsedDate = role.RoleLastUsed?.LastUsedDate;
  return {
    ...toRoleSummary(role),
    maxSessionDuration: role.MaxSessionDuration ?? 3600,
    lastUsed: lastUsedDate ? { date: lastUsedDate.toISOString(), region: role.RoleLastUsed?.Region ?? '' } : null,
    trustPolicy: trust.document,
    trustPolicyJson: trust.json,
    hasExpectedPath: role.Path === ROLE_PATH,
    tags: (role.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
  };
}

/** The AWSServiceRoleForAmazonSSM role, or null when the account has none. */
export function getServiceLinkedRole(client: IAMClient, abortSignal?: AbortSignal): Promise<RoleDetails | null> {
  return getRole(client, ROLE_NAME, abortSignal);
}

/** The role, or the AWS error that stopped the read, as a value for pages that show failures in place. */
export async function readServiceLinkedRole(client: IAMClient): Promise<
  { ok: true; role: RoleDetails | null; readAtMs: number } | { ok: false; error: AwsErrorInfo }
> {
  try {
    const role = await getServiceLinkedRole(client);
    return { ok: true, role, readAtMs: Date.now() };
  } catch (error) {
    if (error instanceof AwsError) return { ok: false, error: error.toInfo() };
    throw error;
  }
}

function listAllRoles(client: IAMClient): Promise<Role[]> {
  return listAllIamPages(
    'ListRoles',
    (marker) => client.send(new ListRolesCommand({ MaxItems: PAGE_SIZE, Marker: marker })),
    (output) => output.Roles,
  );
}

function trustsService(document: PolicyDocument, servicePrincipal: string): boolean {
  return document.statements.some(
    (statement) =>
      statement.effect === 'Allow' &&
      statement.actions.some((action) => /^sts:(assumerole|\*)$/i.test(action) || action === '*') &&
      statement.principal !== undefined &&
      statement.principal !== '*' &&
      (statement.principal.Service ?? []).includes(servicePrincipal),
  );
}

/**
 * Roles the customer manages that the given service may assume (for example custom maintenance-window roles
 * trusting ssm.amazonaws.com). Service-linked roles are left out: they cannot be passed to a task.
 */
export async function listRolesTrustingService(client: IAMClient, servicePrincipal: string): Promise<RoleSummary[]> {
  const roles = await listAllRoles(client);
  const matches: RoleSummary[] = [];
  for (const role of roles) {
    if ((role.Path ?? '/').startsWith('/aws-service-role/')) continue;
    let document: PolicyDocument;
    try {
      document = decodePolicy(role.AssumeRolePolicyDocument ?? '').document;
    } catch {
      continue; // a trust policy this app cannot read cannot be shown as trusting the service either
    }
    if (trustsService(document, servicePrincipal)) matches.push(toRoleSummary(role));
  }
  return matches.sort((left, right) => left.roleName.localeCompare(right.roleName));
}

export async function listAttachedRolePolicies(client: IAMClient, roleName: string): Promise<AttachedPolicy[]> {
  const policies = await listAllIamPages(
    'ListAttachedRolePolicies',
    (marker) => client.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, MaxItems: PAGE_SIZE, Marker: marker })),
    (output) => output.AttachedPolicies,
  );
  return policies.map((policy) => ({ policyName: policy.PolicyName ?? '', policyArn: policy.PolicyArn ?? '' }));
}

export async function getManagedPolicy(client: IAMClient, policyArn: string): Promise<ManagedPolicy> {
  const output = await callAws(() => client.send(new GetPolicyCommand({ PolicyArn: policyArn })));
  const policy = output.Policy;
  if (!policy) throw new AwsError({ kind: 'not-found', code: 'NoSuchEntity', message: `Policy ${policyArn} was not returned.` });
  return {
    arn: policy.Arn ?? policyArn,
    policyName: policy.PolicyName ?? '',
    path: policy.Path ?? '/',
    defaultVersionId: policy.DefaultVersionId ?? '',
    ...(policy.Description ? { description: policy.Description } : {}),
    createDate: toIso(policy.CreateDate),
    updateDate: toIso(policy.UpdateDate ?? policy.CreateDate),
    attachmentCount: policy.AttachmentCount ?? 0,
    isAwsManaged: /^arn:[a-z-]+:iam::aws:policy\//.test(policy.Arn ?? policyArn),
  };
}

export async function getPolicyVersion(client: IAMClient, policyArn: string, versionId: string): Promise<PolicyVersionDocument> {
  const output = await callAws(() => client.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })));
  const version = output.PolicyVersion;
  const decoded = decodePolicy(version?.Document ?? '');
  return {
    versionId: version?.VersionId ?? versionId,
    isDefaultVersion: version?.IsDefaultVersion ?? false,
    createDate: toIso(version?.CreateDate),
    document: decoded.document,
    json: decoded.json,
  };
}

/** Every version of a managed policy, newest first. */
export async function listPolicyVersions(client: IAMClient, policyArn: string): Promise<PolicyVersionSummary[]> {
  const listed = await listAllIamPages(
    'ListPolicyVersions',
    (marker) => client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn, MaxItems: PAGE_SIZE, Marker: marker })),
    (output) => output.Versions,
  );
  const versions = listed.map((version) => ({
    versionId: version.VersionId ?? '',
    isDefaultVersion: version.IsDefaultVersion ?? false,
    createDate: toIso(version.CreateDate),
  }));
  return versions.sort(
    (left, right) => versionNumber(right.versionId) - versionNumber(left.versionId) || right.createDate.localeCompare(left.createDate),
  );
}
