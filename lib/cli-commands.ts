import {
  getMaintenanceWindowPolicyArn,
  ROLE_NAME,
  SERVICE_PRINCIPAL,
} from '@/lib/role/constants';
import type { WindowTaskRef } from '@/lib/aws/types';

// The AWS CLI command equivalent to every change the dashboard can make, shell-quoted and ready to copy, so an
// administrator can see exactly what will be sent (or run it elsewhere).

const SAFE_WORD = /^[A-Za-z0-9_\-.,:/@%+=]+$/;

/** Quotes one argument for a POSIX shell: bare when harmless, otherwise in single quotes. */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function command(words: string[], options: Array<[string, string | undefined]>): string {
  const parts = [...words];
  for (const [flag, value] of options) {
    if (value === undefined) continue;
    parts.push(flag, shellQuote(value));
  }
  return parts.join(' ');
}

export function getRoleCommand(): string {
  return command(['aws', 'iam', 'get-role'], [['--role-name', ROLE_NAME]]);
}

export function deleteServiceLinkedRoleCommand(): string {
  return command(['aws', 'iam', 'delete-service-linked-role'], [['--role-name', ROLE_NAME]]);
}

export function getDeletionStatusCommand(deletionTaskId: string): string {
  return command(['aws', 'iam', 'get-service-linked-role-deletion-status'], [['--deletion-task-id', deletionTaskId]]);
}

export function createServiceLinkedRoleCommand(description?: string): string {
  return command(
    ['aws', 'iam', 'create-service-linked-role'],
    [
      ['--aws-service-name', SERVICE_PRINCIPAL],
      ['--description', description === '' ? undefined : description],
    ],
  );
}

export function updateRoleDescriptionCommand(description: string): string {
  return command(['aws', 'iam', 'update-role'], [
    ['--role-name', ROLE_NAME],
    ['--description', description],
  ]);
}

/** The trust policy of a custom maintenance-window role: only Systems Manager may assume it. */
export function getMaintenanceWindowTrustPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: SERVICE_PRINCIPAL }, Action: 'sts:AssumeRole' }],
  });
}

/** The two calls that create a custom maintenance-window role, with the managed policy of the caller's partition. */
export function createMaintenanceWindowRoleCommands(roleName: string, partition: string): string[] {
  return [
    command(['aws', 'iam', 'create-role'], [
      ['--role-name', roleName],
      ['--assume-role-policy-document', getMaintenanceWindowTrustPolicy()],
      ['--description', 'Runs Systems Manager maintenance-window tasks'],
    ]),
    command(['aws', 'iam', 'attach-role-policy'], [
      ['--role-name', roleName],
      ['--policy-arn', getMaintenanceWindowPolicyArn(partition)],
    ]),
  ];
}

/** Only the three fields: everything else of the task stays as it is (no --replace, no invocation parameters). */
export function updateMaintenanceWindowTaskRoleCommand(task: WindowTaskRef, serviceRoleArn: string): string {
  return command(['aws', 'ssm', 'update-maintenance-window-task'], [
    ['--region', task.region],
    ['--window-id', task.windowId],
    ['--window-task-id', task.windowTaskId],
    ['--service-role-arn', serviceRoleArn],
  ]);
}

export function deregisterTaskCommand(task: WindowTaskRef): string {
  return command(['aws', 'ssm', 'deregister-task-from-maintenance-window'], [
    ['--region', task.region],
    ['--window-id', task.windowId],
    ['--window-task-id', task.windowTaskId],
  ]);
}

export function deleteAssociationCommand(region: string, associationId: string): string {
  return command(['aws', 'ssm', 'delete-association'], [
    ['--region', region],
    ['--association-id', associationId],
  ]);
}

export function deleteResourceDataSyncCommand(region: string, syncName: string, syncType?: string): string {
  return command(['aws', 'ssm', 'delete-resource-data-sync'], [
    ['--region', region],
    ['--sync-name', syncName],
    ['--sync-type', syncType],
  ]);
}

export function deleteResourceGroupCommand(region: string, groupName: string): string {
  return command(['aws', 'resource-groups', 'delete-group'], [
    ['--region', region],
    ['--group', groupName],
  ]);
}

/** Lists the resources carrying `tagKey`, then removes that key from them, 20 at a time (UntagResources' limit). */
export function removeTagKeyCommand(region: string, tagKey: string): string {
  const list = command(['aws', 'resourcegroupstaggingapi', 'get-resources'], [
    ['--region', region],
    ['--tag-filters', `Key=${tagKey}`],
    ['--query', 'ResourceTagMappingList[].ResourceARN'],
    ['--output', 'text'],
  ]);
  const untag = command(['aws', 'resourcegroupstaggingapi', 'untag-resources'], [
    ['--region', region],
    ['--tag-keys', tagKey],
  ]);
  return `${list} | tr '\\t' '\\n' | xargs -n 20 ${untag} --resource-arn-list`;
}
