import { createAdministratorAccessPolicy } from './administrator-access';
import { createAmazonSsmMaintenanceWindowRolePolicy } from './amazon-ssm-maintenance-window-role';
import { createAmazonSsmServiceRolePolicy } from './amazon-ssm-service-role-policy';
import { toPartitionArn } from '../partition';
import type { ManagedPolicy } from './types';

// The AWS managed policies the sandbox knows, by ARN.

export { ADMINISTRATOR_ACCESS_POLICY_ARN } from './administrator-access';
export type { ManagedPolicy, ManagedPolicyVersion, PolicyDocument, PolicyStatement } from './types';

export const MANAGED_POLICIES: readonly ManagedPolicy[] = [
  createAmazonSsmServiceRolePolicy(),
  createAmazonSsmMaintenanceWindowRolePolicy(),
  createAdministratorAccessPolicy(),
];

const byArn = new Map(MANAGED_POLICIES.map((policy) => [policy.arn, policy]));

/** The managed policy an ARN of any partition names (`arn:aws-us-gov:iam::aws:policy/X` is X too). */
export function findManagedPolicy(arn: string): ManagedPolicy | undefined {
  return byArn.get(toPartitionArn(arn, 'aws'));
}
