import 'server-only';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteServiceLinkedRoleCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  SimulatePrincipalPolicyCommand,
  UpdateRoleCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { getMaintenanceWindowTrustPolicy } from '@/lib/cli-commands';
import { getMaintenanceWindowPolicyArn, ROLE_NAME, SERVICE_PRINCIPAL } from '@/lib/role/constants';
import { AwsError, callAws } from './errors';
import { requestIdOf } from './paging';
import type { CreatedRole, DeletionFailure, DeletionTaskStatus, RequestMeta, RoleIdentity } from './types';

// IAM writes and the reads of the role's lifecycle: delete and track the deletion, create, describe, create a
// custom maintenance-window role, and check what the caller is allowed to do.

export async function deleteServiceLinkedRole(client: IAMClient): Promise<{ deletionTaskId: string } & RequestMeta> {
  const output = await callAws(() => client.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME })));
  if (!output.DeletionTaskId) {
    throw new AwsError({ kind: 'service', code: 'MissingDeletionTaskId', message: 'IAM accepted the deletion but returned no deletion task id.' });
  }
  return { deletionTaskId: output.DeletionTaskId, ...requestIdOf(output) };
}

const STATUSES: readonly DeletionTaskStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED'];

export async function getServiceLinkedRoleDeletionStatus(
  client: IAMClient,
  deletionTaskId: string,
): Promise<{ status: DeletionTaskStatus; failure?: DeletionFailure } & RequestMeta> {
  const output = await callAws(() =>
    client.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: deletionTaskId })),
  );
  const status = STATUSES.find((known) => known === output.Status);
  if (!status) {
    throw new AwsError({ kind: 'service', code: 'UnknownDeletionStatus', message: `IAM answered an unknown deletion status "${String(output.Status)}".` });
  }
  const failure: DeletionFailure | undefined =
    status === 'FAILED'
      ? {
          reason: output.Reason?.Reason?.trim() || 'AWS gave no reason.',
          usage: (output.Reason?.RoleUsageList ?? []).map((usage) => ({ region: usage.Region ?? 'unknown', resources: usage.Resources ?? [] })),
        }
      : undefined;
  return { status, ...(failure ? { failure } : {}), ...requestIdOf(output) };
}

/** Which service-linked role IAM shows now (GetRole), or null: for telling a deleted role from a recreated one. */
export async function getServiceLinkedRoleIdentity(client: IAMClient): Promise<{ role: RoleIdentity | null } & RequestMeta> {
  try {
    const output = await callAws(() => client.send(new GetRoleCommand({ RoleName: ROLE_NAME })));
    const role = output.Role;
    return {
      role: role ? { roleId: role.RoleId ?? '', createDate: role.CreateDate?.toISOString() ?? '' } : null,
      ...requestIdOf(output),
    };
  } catch (error) {
    if (error instanceof AwsError && error.kind === 'not-found') return { role: null, ...requestIdOf(error) };
    throw error;
  }
}

export async function createServiceLinkedRole(client: IAMClient, description?: string): Promise<CreatedRole & RequestMeta> {
  const output = await callAws(() =>
    client.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: SERVICE_PRINCIPAL, ...(description ? { Description: description } : {}) })),
  );
  return {
    roleName: output.Role?.RoleName ?? ROLE_NAME,
    arn: output.Role?.Arn ?? '',
    createDate: output.Role?.CreateDate?.toISOString() ?? new Date().toISOString(),
    ...(output.Role?.Description ? { description: output.Role.Description } : {}),
    ...requestIdOf(output),
  };
}

/** The only change IAM allows on a service-linked role. An empty text clears the description. */
export async function updateServiceLinkedRoleDescription(client: IAMClient, description: string): Promise<RequestMeta> {
  const output = await callAws(() => client.send(new UpdateRoleCommand({ RoleName: ROLE_NAME, Description: description })));
  return requestIdOf(output);
}

export interface CreatedMaintenanceWindowRole {
  role: CreatedRole;
  createRequestId?: string;
  /** Set when the role was created but the policy could not be attached (the role then exists without it). */
  attachError?: AwsError;
  attachRequestId?: string;
}

/** A custom role for maintenance-window tasks: trusted by ssm.amazonaws.com, with AmazonSSMMaintenanceWindowRole. */
export async function createMaintenanceWindowRole(client: IAMClient, roleName: string, partition: string): Promise<CreatedMaintenanceWindowRole> {
  const created = await callAws(() =>
    client.send(
        new CreateRoleCommand({
          RoleName: roleName,
          Path: '/',
          AssumeRolePolicyDocument: getMaintenanceWindowTrustPolicy(),
          Description: 'Runs Systems Manager maintenance-window tasks',
        }),
      ),
  );
  const role: CreatedRole = {
    roleName: created.Role?.RoleName ?? roleName,
    arn: created.Role?.Arn ?? '',
    createDate: created.Role?.CreateDate?.toISOString() ?? new Date().toISOString(),
  };
  const result: CreatedMaintenanceWindowRole = { role };
  const createRequestId = requestIdOf(created).requestId;
  if (createRequestId) result.createRequestId = createRequestId;
  try {
    const attached = await callAws(() =>
      client.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: getMaintenanceWindowPolicyArn(partition) })),
    );
    const attachRequestId = requestIdOf(attached).requestId;
    if (attachRequestId) result.attachRequestId = attachRequestId;
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    result.attachError = error;
  }
  return result;
}

/** The actions the wizard needs, checked with iam:SimulatePrincipalPolicy. */
export const WIZARD_ACTIONS = [
  'iam:GetRole',
  'iam:DeleteServiceLinkedRole',
  'iam:GetServiceLinkedRoleDeletionStatus',
  'iam:CreateServiceLinkedRole',
  'iam:PassRole',
  'ssm:UpdateMaintenanceWindowTask',
  'ssm:DeregisterTaskFromMaintenanceWindow',
] as const;

export type PermissionCheck =
  | { kind: 'checked'; policySourceArn: string; results: Array<{ action: string; decision: 'allowed' | 'explicitDeny' | 'implicitDeny' }> }
  | { kind: 'not-checked'; reason: string };

/** The IAM principal whose policies apply to a caller, or why it cannot be simulated. */
async function getPolicySourceArn(client: IAMClient, callerArn: string): Promise<{ arn: string } | { reason: string }> {
  const match = /^arn:([a-z-]+):(iam|sts)::(\d{12}):(.+)$/.exec(callerArn);
  if (!match) return { reason: `The caller ${callerArn} is not an IAM principal that can be simulated.` };
  const [, , service, , resource = ''] = match;
  if (resource === 'root') return { reason: 'The caller is the account root user: IAM policies do not limit it, so there is nothing to simulate.' };
  if (service === 'iam' && (resource.startsWith('user/') || resource.startsWith('role/'))) return { arn: callerArn };
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const roleName = resource.split('/')[1];
    if (!roleName) return { reason: `The caller ${callerArn} has no role name.` };
    // The role's ARN carries its path, which the session ARN leaves out.
    const output = await callAws(() => client.send(new GetRoleCommand({ RoleName: roleName })));
    if (output.Role?.Arn) return { arn: output.Role.Arn };
  }
  return { reason: `Permissions of ${callerArn} cannot be simulated (federated or unrecognised principal).` };
}

/** Never throws: when the simulation cannot run, the answer says the permissions were not checked, and why. */
export async function checkWizardPermissions(client: IAMClient, callerArn: string): Promise<PermissionCheck> {
  try {
    const source = await getPolicySourceArn(client, callerArn);
    if ('reason' in source) return { kind: 'not-checked', reason: source.reason };
    const output = await callAws(() =>
      client.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: source.arn, ActionNames: [...WIZARD_ACTIONS] })),
    );
    const results = (output.EvaluationResults ?? []).map((result) => ({
      action: result.EvalActionName ?? '',
      decision: result.EvalDecision === 'allowed' ? ('allowed' as const) : result.EvalDecision === 'explicitDeny' ? ('explicitDeny' as const) : ('implicitDeny' as const),
    }));
    if (results.length === 0) return { kind: 'not-checked', reason: 'iam:SimulatePrincipalPolicy returned no results.' };
    return { kind: 'checked', policySourceArn: source.arn, results };
  } catch (error) {
    const info = error instanceof AwsError ? error : undefined;
    if (info?.kind === 'access-denied') {
      return { kind: 'not-checked', reason: 'The caller may not call iam:SimulatePrincipalPolicy, so its permissions were not checked.' };
    }
    return {
      kind: 'not-checked',
      reason: `iam:SimulatePrincipalPolicy is not available here (${info ? `${info.code}: ${info.message}` : String(error)}), so permissions were not checked.`,
    };
  }
}
