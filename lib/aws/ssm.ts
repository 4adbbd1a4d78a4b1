import 'server-only';
import {
  DescribeMaintenanceWindowsCommand,
  DescribeMaintenanceWindowTasksCommand,
  GetParametersCommand,
  ListAssociationsCommand,
  ListResourceDataSyncCommand,
  type SSMClient,
  type Target,
} from '@aws-sdk/client-ssm';
import { callAws } from '@/lib/aws/errors';
import { collectPages, runDirectly, type ReadOptions } from '@/lib/aws/paging';
import type {
  AssociationRecord,
  DataSyncRecord,
  MaintenanceWindowRecord,
  MaintenanceWindowTaskRecord,
  TargetRecord,
} from '@/lib/aws/types';
import { INVENTORY_DOCUMENT_NAME } from '@/lib/role/constants';

// Systems Manager reads used by the region audit. Every list is paginated to the end with the largest page size.

export const SSM_REGIONS_PARAMETER_PATH = '/aws/service/global-infrastructure/services/ssm/regions';

/** GetParameters takes at most 10 names per call (API reference: GetParameters, Names, maximum 10 items). */
const GET_PARAMETERS_MAX_NAMES = 10;

/**
 * Which of `regionCodes` Systems Manager exists in, from AWS's public parameters
 * (`…/services/ssm/regions/<code>`), asked by name, ten at a time, every batch at once: one dependent call
 * whatever the number of regions. A code AWS does not list comes back among InvalidParameters.
 */
export async function listSsmRegionsAmong(client: SSMClient, regionCodes: string[], options: ReadOptions = {}): Promise<Set<string>> {
  const run = options.run ?? runDirectly;
  const batches: string[][] = [];
  for (let index = 0; index < regionCodes.length; index += GET_PARAMETERS_MAX_NAMES) {
    batches.push(regionCodes.slice(index, index + GET_PARAMETERS_MAX_NAMES));
  }
  const answers = await Promise.all(
    batches.map((codes, index) =>
      run({ operation: 'GetParameters', key: String(index) }, (abortSignal) =>
        callAws(() =>
          client.send(new GetParametersCommand({ Names: codes.map((code) => `${SSM_REGIONS_PARAMETER_PATH}/${code}`) }), { abortSignal }),
        ),
      ),
    ),
  );
  const found = new Set<string>();
  for (const answer of answers) {
    for (const parameter of answer.Parameters ?? []) {
      const code = parameter.Value ?? parameter.Name?.split('/').pop();
      if (code) found.add(code);
    }
  }
  return found;
}

export async function listMaintenanceWindows(client: SSMClient, options: ReadOptions = {}): Promise<MaintenanceWindowRecord[]> {
  const windows = await collectPages(
    options.run ?? runDirectly,
    { operation: 'DescribeMaintenanceWindows' },
    (token, abortSignal) =>
      callAws(() => client.send(new DescribeMaintenanceWindowsCommand({ MaxResults: 100, NextToken: token }), { abortSignal })),
    (page) => ({ items: page.WindowIdentities, nextToken: page.NextToken }),
  );
  return windows.flatMap((window) =>
    window.WindowId
      ? [
          {
            windowId: window.WindowId,
            name: window.Name ?? window.WindowId,
            description: window.Description || undefined,
            isEnabled: window.Enabled ?? false,
            schedule: window.Schedule || undefined,
          },
        ]
      : [],
  );
}

export function toTargetRecords(targets: Target[] | undefined): TargetRecord[] {
  return (targets ?? []).map((target) => ({ key: target.Key ?? '', values: target.Values ?? [] }));
}

export async function listMaintenanceWindowTasks(
  client: SSMClient,
  windowId: string,
  options: ReadOptions = {},
): Promise<MaintenanceWindowTaskRecord[]> {
  const tasks = await collectPages(
    options.run ?? runDirectly,
    { operation: 'DescribeMaintenanceWindowTasks', key: windowId },
    (token, abortSignal) =>
      callAws(() =>
        client.send(new DescribeMaintenanceWindowTasksCommand({ WindowId: windowId, MaxResults: 100, NextToken: token }), {
          abortSignal,
        }),
      ),
    (page) => ({ items: page.Tasks, nextToken: page.NextToken }),
  );
  return tasks.flatMap((task) =>
    task.WindowTaskId
      ? [
          {
            windowId: task.WindowId ?? windowId,
            windowTaskId: task.WindowTaskId,
            name: task.Name || undefined,
            description: task.Description || undefined,
            type: task.Type ?? 'UNKNOWN',
            taskArn: task.TaskArn ?? '',
            priority: task.Priority,
            serviceRoleArn: task.ServiceRoleArn ?? null,
            targets: toTargetRecords(task.Targets),
          },
        ]
      : [],
  );
}

/** State Manager associations of the inventory document (the ones whose tag and group data the role gathers). */
export async function listInventoryAssociations(client: SSMClient, options: ReadOptions = {}): Promise<AssociationRecord[]> {
  const associations = await collectPages(
    options.run ?? runDirectly,
    { operation: 'ListAssociations' },
    (token, abortSignal) =>
      callAws(() =>
        client.send(
          new ListAssociationsCommand({
            AssociationFilterList: [{ key: 'Name', value: INVENTORY_DOCUMENT_NAME }],
            MaxResults: 50,
            NextToken: token,
          }),
          { abortSignal },
        ),
      ),
    (page) => ({ items: page.Associations, nextToken: page.NextToken }),
  );
  return associations.flatMap((association) =>
    association.AssociationId
      ? [
          {
            associationId: association.AssociationId,
            associationName: association.AssociationName || undefined,
            documentName: association.Name ?? INVENTORY_DOCUMENT_NAME,
            targets: toTargetRecords(association.Targets),
            lastExecutionDate: association.LastExecutionDate?.toISOString(),
          },
        ]
      : [],
  );
}

const SYNC_TYPES = ['SyncToDestination', 'SyncFromSource'] as const;

/** Resource data syncs of both types (ListResourceDataSync answers one type per listing). */
export async function listResourceDataSyncs(client: SSMClient, options: ReadOptions = {}): Promise<DataSyncRecord[]> {
  const run = options.run ?? runDirectly;
  const perType = await Promise.all(
    SYNC_TYPES.map((syncType) =>
      collectPages(
        run,
        { operation: 'ListResourceDataSync', key: syncType },
        (token, abortSignal) =>
          callAws(() =>
            client.send(new ListResourceDataSyncCommand({ SyncType: syncType, MaxResults: 50, NextToken: token }), { abortSignal }),
          ),
        (page) => ({ items: page.ResourceDataSyncItems, nextToken: page.NextToken }),
      ),
    ),
  );
  const byName = new Map<string, DataSyncRecord>();
  for (const item of perType.flat()) {
    if (!item.SyncName || byName.has(item.SyncName)) continue;
    byName.set(item.SyncName, {
      syncName: item.SyncName,
      syncType: item.SyncType || undefined,
      sourceType: item.SyncSource?.SourceType || undefined,
      state: item.SyncSource?.State || undefined,
      lastStatus: item.LastStatus || undefined,
      lastSyncTime: item.LastSyncTime?.toISOString(),
    });
  }
  return [...byName.values()];
}
