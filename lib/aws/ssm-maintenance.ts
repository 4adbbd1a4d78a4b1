import 'server-only';
import {
  DeleteAssociationCommand,
  DeleteResourceDataSyncCommand,
  DeregisterTaskFromMaintenanceWindowCommand,
  UpdateMaintenanceWindowTaskCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { callAws } from './errors';
import { requestIdOf } from './paging';
import type { RequestMeta, WindowTaskRef } from './types';

// Systems Manager writes used to clean up what relies on the service-linked role. A task is moved by sending
// only its window id, task id and new ServiceRoleArn: no Replace, no TaskInvocationParameters, so nothing else
// of the task changes.

/** `client` is the SSM client of the task's region. */
export async function updateMaintenanceWindowTaskRole(client: SSMClient, task: WindowTaskRef, serviceRoleArn: string): Promise<RequestMeta> {
  const output = await callAws(() =>
    client.send(new UpdateMaintenanceWindowTaskCommand({ WindowId: task.windowId, WindowTaskId: task.windowTaskId, ServiceRoleArn: serviceRoleArn })),
  );
  return requestIdOf(output);
}

export async function deregisterMaintenanceWindowTask(client: SSMClient, task: WindowTaskRef): Promise<RequestMeta> {
  const output = await callAws(() =>
    client.send(new DeregisterTaskFromMaintenanceWindowCommand({ WindowId: task.windowId, WindowTaskId: task.windowTaskId })),
  );
  return requestIdOf(output);
}

export async function deleteAssociation(client: SSMClient, associationId: string): Promise<RequestMeta> {
  const output = await callAws(() => client.send(new DeleteAssociationCommand({ AssociationId: associationId })));
  return requestIdOf(output);
}

export async function deleteResourceDataSync(client: SSMClient, syncName: string, syncType?: string): Promise<RequestMeta> {
  const output = await callAws(() =>
    client.send(new DeleteResourceDataSyncCommand({ SyncName: syncName, ...(syncType ? { SyncType: syncType } : {}) })),
  );
  return requestIdOf(output);
}
