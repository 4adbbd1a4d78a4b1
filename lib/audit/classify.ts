import type { InventoryAssociationFinding, TargetFinding, TaskRoleUse } from '@/lib/audit/types';
import { isServiceLinkedRoleArn } from '@/lib/role/constants';

// Decides what relies on the service-linked role. Pure functions: the scanner feeds them what AWS listed.

/**
 * How a maintenance-window task runs, from its task-level ServiceRoleArn only. A task without one runs as the
 * service-linked role; so does a task naming the role (with or without its path: isServiceLinkedRoleArn). The
 * Run Command notification role inside TaskInvocationParameters is a different thing and is never an input here.
 */
export function classifyTaskRole(
  serviceRoleArn: string | null | undefined,
  account: { partition: string; accountId: string },
): { roleUse: TaskRoleUse; reliesOnRole: boolean } {
  if (serviceRoleArn === null || serviceRoleArn === undefined || serviceRoleArn.trim() === '') {
    return { roleUse: 'service-linked-implicit', reliesOnRole: true };
  }
  if (isServiceLinkedRoleArn(serviceRoleArn.trim(), account.partition, account.accountId)) {
    return { roleUse: 'service-linked-explicit', reliesOnRole: true };
  }
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

export type DataSyncKind = 'explorer' | 'inventory-export';

export interface DataSyncDescription {
  kind: DataSyncKind;
  label: string;
  /** What deleting the role does to the sync. */
  effect: string;
  /** Whether deleting the role stops the sync itself, so the user must acknowledge it before deleting. */
  stopsWithRole: boolean;
}

/**
 * What a resource data sync is, from its type. Only `SyncFromSource` syncs (Explorer's OpsData aggregation) have
 * a SyncSource state, and they report NoPermissions once the role is gone. A `SyncToDestination` sync exports
 * Inventory data to an S3 bucket: the role plays no part in the export itself. A sync of no known type is
 * treated like Explorer's, so that nothing is claimed unaffected without reason.
 */
export function describeDataSync(sync: { syncType?: string }): DataSyncDescription {
  if (sync.syncType === 'SyncToDestination') {
    return {
      kind: 'inventory-export',
      label: 'Inventory export to S3',
      effect: 'Keeps exporting Inventory data to its S3 bucket; only the tag and resource-group inventory the role gathers stops being updated.',
      stopsWithRole: false,
    };
  }
  return {
    kind: 'explorer',
    label: sync.syncType === 'SyncFromSource' ? 'Explorer sync' : 'Data sync (type unknown)',
    effect: 'Reports NoPermissions and stops aggregating OpsData for Explorer once the role is deleted.',
    stopsWithRole: true,
  };
}
