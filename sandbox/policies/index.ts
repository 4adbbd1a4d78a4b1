import { createAmazonSsmMaintenanceWindowRolePolicy } from './amazon-ssm-maintenance-window-role';
import { createAmazonSsmServiceRolePolicy } from './amazon-ssm-service-role-policy';
import type { ManagedPolicy } from './types';

// The AWS managed policies the sandbox knows, by ARN.

export type { ManagedPolicy, ManagedPolicyVersion, PolicyDocument, PolicyStatement } from './types';

export const MANAGED_POLICIES: readonly ManagedPolicy[] = [
  createAmazonSsmServiceRolePolicy(),
  createAmazonSsmMaintenanceWindowRolePolicy(),
];

const byArn = new Map(MANAGED_POLICIES.map((policy) => [policy.arn, policy]));

export function findManagedPolicy(arn: string): ManagedPolicy | undefined {
  return byArn.get(arn);
}
