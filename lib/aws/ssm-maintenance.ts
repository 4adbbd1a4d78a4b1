import 'server-only';
import {
  DeleteAssociationCommand,
  DeleteResourceDataSyncCommand,
  DeregisterTaskFromMaintenanceWindowCommand,
  UpdateMaintenanceWindowTaskCommand,
} from '@aws-sdk/client-ssm';
import { getAwsClients } from './clients';
import { AwsError, callAws } from './errors';

// Systems Manager writes used to clean up what relies on the service-linked role. A task is moved by sending
// only its window id, task id and new ServiceRoleArn: no Replace, no TaskInvocationParameters, so nothing else
// of the task changes.

export interface WindowTaskRef {
  region: string;
  windowId: string;
  windowTaskId: string;
}

function requestIdOf(output: { $metadata?: { requestId?: string } }): { requestId?: string } {
  return output.$metadata?.requestId ? { requestId: output.$metadata.requestId } : {};
}

export async function updateMaintenanceWindowTaskRole(task: WindowTaskRef, serviceRoleArn: string): Promise<{ requestId?: string }> {
  const output = await callAws(() =>
    getAwsClients()
      .ssm(task.region)
      .send(new UpdateMaintenanceWindowTaskCommand({ WindowId: task.windowId, WindowTaskId: task.windowTaskId, ServiceRoleArn: serviceRoleArn })),
  );
  return requestIdOf(output);
}

export async function deregisterMaintenanceWindowTask(task: WindowTaskRef): Promise<{ requestId?: string }> {
  const output = await callAws(() =>
    getAwsClients()
      .ssm(task.region)
      .send(new DeregisterTaskFromMaintenanceWindowCommand({ WindowId: task.windowId, WindowTaskId: task.windowTaskId })),
  );
  return requestIdOf(output);
}

export async function deleteAssociation(region: string, associationId: string): Promise<{ requestId?: string }> {
  const output = await callAws(() => getAwsClients().ssm(region).send(new DeleteAssociationCommand({ AssociationId: associationId })));
  return requestIdOf(output);
}

export async function deleteResourceDataSync(region: string, syncName: string, syncType?: string): Promise<{ requestId?: string }> {
  const output = await callAws(() =>
    getAwsClients()
      .ssm(region)
      .send(new DeleteResourceDataSyncCommand({ SyncName: syncName, ...(syncType ? { SyncType: syncType } : {}) })),
  );
  return requestIdOf(output);
}

const TRANSIENT_CODES = new Set(['TooManyUpdates', 'ConcurrentModificationException', 'ConflictException', 'InternalServerError']);

/**
 * Clean-up calls "might fail" while Systems Manager is using the role (AWS's words): such a failure is worth a
 * retry after a wait, unlike a missing task or a denied call.
 */
export function isTransientCleanupError(error: AwsError): boolean {
  return error.kind === 'throttled' || error.kind === 'timeout' || TRANSIENT_CODES.has(error.code) || /is using the service-linked role/i.test(error.message);
}
