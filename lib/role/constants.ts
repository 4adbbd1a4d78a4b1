// Fixed facts about the Systems Manager service-linked role.

export const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
export const ROLE_PATH = '/aws-service-role/ssm.amazonaws.com/';
export const SERVICE_PRINCIPAL = 'ssm.amazonaws.com';
export const ROLE_DEFAULT_DESCRIPTION = 'Provides access to AWS Resources managed or used by Amazon SSM.';
export const MANAGED_POLICY_NAME = 'AmazonSSMServiceRolePolicy';
export const MAINTENANCE_WINDOW_POLICY_NAME = 'AmazonSSMMaintenanceWindowRole';
export const INVENTORY_DOCUMENT_NAME = 'AWS-GatherSoftwareInventory';

export function getRoleArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role${ROLE_PATH}${ROLE_NAME}`;
}

/**
 * Whether an ARN names the service-linked role of this account: the one rule for task classification and for
 * refusing it as a task's new role. A role name is unique in an account whatever its path, so the ARN names the
 * role with its path (`role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`), without it
 * (`role/AWSServiceRoleForAmazonSSM`, as a task's ServiceRoleArn may be written), or under any other path.
 */
export function isServiceLinkedRoleArn(arn: string, partition: string, accountId: string): boolean {
  const prefix = `arn:${partition}:iam::${accountId}:role/`;
  return arn.startsWith(prefix) && arn.slice(prefix.length).split('/').pop() === ROLE_NAME;
}

export function getManagedPolicyArn(partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy/aws-service-role/${MANAGED_POLICY_NAME}`;
}

export function getMaintenanceWindowPolicyArn(partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy/service-role/${MAINTENANCE_WINDOW_POLICY_NAME}`;
}
