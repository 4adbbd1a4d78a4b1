import type { InventoryAssociationFinding, TargetFinding, TaskRoleUse } from '@/lib/audit/types';

// Decides what relies on the service-linked role. Pure functions: the scanner feeds them what AWS listed.

/**
 * How a maintenance-window task runs, from its task-level ServiceRoleArn only. A task without one runs as the
 * service-linked role; so does a task naming the role's ARN (compared exactly). The Run Command notification
 * role inside TaskInvocationParameters is a different thing and is never an input here.
 */
export function classifyTaskRole(serviceRoleArn: string | null | undefined, roleArn: string): { roleUse: TaskRoleUse; reliesOnRole: boolean } {
  if (serviceRoleArn === null || serviceRoleArn === undefined || serviceRoleArn.trim() === '') {
    return { roleUse: 'service-linked-implicit', reliesOnRole: true };
  }
  if (serviceRoleArn === roleArn) return { roleUse: 'service-linked-explicit', reliesOnRole: true };
  return { roleUse: 'custom', reliesOnRole: false };
}

/** Targets expanded through tags: `tag:<key>` and `tag-key`. */
export function targetsUseTags(targets: TargetFinding[]): boolean {
  return targets.some((target) => target.key.startsWith('tag:') || target.key === 'tag-key');
}

/** Targets expanded through Resource Groups: `resource-groups:Name`. */
export function targetsUseResourceGroups(targets: TargetFinding[]): boolean {
  return targets.some((target) => target.key === 'resource-groups:Name');
}

export function toInventoryFinding(association: {
  associationId: string;
  associationName?: string;
  documentName: string;
  targets: TargetFinding[];
  lastExecutionDate?: string;
}): InventoryAssociationFinding {
  return {
    ...association,
    usesTags: targetsUseTags(association.targets),
    usesResourceGroups: targetsUseResourceGroups(association.targets),
  };
}

/** The ARN AWS gives a maintenance-window task (the form IAM lists in a role's usage list). */
export function getWindowTaskArn(partition: string, region: string, accountId: string, windowId: string, windowTaskId: string): string {
  return `arn:${partition}:ssm:${region}:${accountId}:windowtask/${windowId}/${windowTaskId}`;
}
