import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  createMaintenanceWindowRoleCommands,
  createServiceLinkedRoleCommand,
  deleteResourceDataSyncCommand,
  deleteServiceLinkedRoleCommand,
  deregisterTaskCommand,
  getDeletionStatusCommand,
  shellQuote,
  updateMaintenanceWindowTaskRoleCommand,
  updateRoleDescriptionCommand,
} from '@/lib/cli-commands';

/** What a POSIX shell makes of a command line: the words it would pass to `aws`. */
function shellWords(line: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `for word in ${line.replace(/^aws /, '')}; do printf '%s\\0' "$word"; done`]);
  return output.toString('utf8').split('\0').slice(0, -1);
}

const task = { region: 'eu-west-1', windowId: 'mw-0123456789abcdef0', windowTaskId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' };

describe('AWS CLI command builder', () => {
  it('leaves plain words bare and single-quotes everything else', () => {
    expect(shellQuote('AWSServiceRoleForAmazonSSM')).toBe('AWSServiceRoleForAmazonSSM');
    expect(shellQuote('arn:aws:iam::123456789012:role/MyRole')).toBe('arn:aws:iam::123456789012:role/MyRole');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's $HOME; rm -rf /")).toBe(`'it'\\''s $HOME; rm -rf /'`);
  });

  it('survives a round trip through a real shell, hostile characters included', () => {
    const description = `Team's role "prod" $(whoami) \`id\` ; | & > * ? \\ é`;
    const line = createServiceLinkedRoleCommand(description);
    expect(shellWords(line)).toEqual(['iam', 'create-service-linked-role', '--aws-service-name', 'ssm.amazonaws.com', '--description', description]);
  });

  it('builds the deletion commands', () => {
    expect(deleteServiceLinkedRoleCommand()).toBe('aws iam delete-service-linked-role --role-name AWSServiceRoleForAmazonSSM');
    expect(getDeletionStatusCommand('task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/abc')).toBe(
      'aws iam get-service-linked-role-deletion-status --deletion-task-id task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/abc',
    );
  });

  it('omits an empty description on create', () => {
    expect(createServiceLinkedRoleCommand()).toBe('aws iam create-service-linked-role --aws-service-name ssm.amazonaws.com');
    expect(createServiceLinkedRoleCommand('')).toBe('aws iam create-service-linked-role --aws-service-name ssm.amazonaws.com');
  });

  it('changes only the description with update-role', () => {
    expect(updateRoleDescriptionCommand('Used by SSM')).toBe("aws iam update-role --role-name AWSServiceRoleForAmazonSSM --description 'Used by SSM'");
  });

  it('moves a task with only the window id, task id and role, never --replace', () => {
    const line = updateMaintenanceWindowTaskRoleCommand(task, 'arn:aws:iam::123456789012:role/MaintenanceWindowRole');
    expect(line).toBe(
      'aws ssm update-maintenance-window-task --region eu-west-1 --window-id mw-0123456789abcdef0 --window-task-id 1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d --service-role-arn arn:aws:iam::123456789012:role/MaintenanceWindowRole',
    );
    expect(line).not.toContain('--replace');
    expect(line).not.toContain('invocation');
  });

  it('deregisters a task in its region', () => {
    expect(shellWords(deregisterTaskCommand(task))).toEqual([
      'ssm', 'deregister-task-from-maintenance-window', '--region', 'eu-west-1', '--window-id', task.windowId, '--window-task-id', task.windowTaskId,
    ]);
  });

  it.each([
    ['aws', 'arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole'],
    ['aws-us-gov', 'arn:aws-us-gov:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole'],
    ['aws-cn', 'arn:aws-cn:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole'],
  ])('creates a maintenance-window role in %s trusting only Systems Manager, with that partition\'s managed policy', (partition, policyArn) => {
    const [createRole, attachPolicy] = createMaintenanceWindowRoleCommands('SSMMaintenanceWindowRole', partition);
    const words = shellWords(createRole ?? '');
    const policy = JSON.parse(words[words.indexOf('--assume-role-policy-document') + 1] ?? '');
    expect(policy.Statement[0]).toEqual({ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' });
    expect(attachPolicy).toBe(`aws iam attach-role-policy --role-name SSMMaintenanceWindowRole --policy-arn ${policyArn}`);
  });

  it('names the sync type only when known', () => {
    expect(deleteResourceDataSyncCommand('us-east-1', 'explorer sync', 'SyncFromSource')).toBe(
      "aws ssm delete-resource-data-sync --region us-east-1 --sync-name 'explorer sync' --sync-type SyncFromSource",
    );
    expect(deleteResourceDataSyncCommand('us-east-1', 'sync')).toBe('aws ssm delete-resource-data-sync --region us-east-1 --sync-name sync');
  });
});
