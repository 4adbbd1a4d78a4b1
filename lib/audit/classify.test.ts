import { describe, expect, it } from 'vitest';
import { classifyTaskRole, getWindowTaskArn, targetsUseResourceGroups, targetsUseTags, toInventoryFinding } from '@/lib/audit/classify';
import { isServiceLinkedRoleArn } from '@/lib/role/constants';

const account = { partition: 'aws', accountId: '123456789012' };
const roleArn = 'arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM';
const pathlessArn = 'arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonSSM';

describe('classifyTaskRole', () => {
  it('treats a task without a task-level role as relying on the service-linked role', () => {
    expect(classifyTaskRole(undefined, account)).toEqual({ roleUse: 'service-linked-implicit', reliesOnRole: true });
    expect(classifyTaskRole(null, account)).toEqual({ roleUse: 'service-linked-implicit', reliesOnRole: true });
    expect(classifyTaskRole('', account)).toEqual({ roleUse: 'service-linked-implicit', reliesOnRole: true });
  });

  it('treats a task naming the service-linked role ARN explicitly as relying on it', () => {
    expect(classifyTaskRole(roleArn, account)).toEqual({ roleUse: 'service-linked-explicit', reliesOnRole: true });
  });

  it('treats the role ARN written without its path as the service-linked role too', () => {
    expect(classifyTaskRole(pathlessArn, account)).toEqual({ roleUse: 'service-linked-explicit', reliesOnRole: true });
    const govAccount = { partition: 'aws-us-gov', accountId: '123456789012' };
    expect(classifyTaskRole('arn:aws-us-gov:iam::123456789012:role/AWSServiceRoleForAmazonSSM', govAccount).reliesOnRole).toBe(true);
  });

  it('treats a task with its own role as custom, not relying on the service-linked role', () => {
    expect(classifyTaskRole('arn:aws:iam::123456789012:role/MaintenanceWindowRole', account)).toEqual({
      roleUse: 'custom',
      reliesOnRole: false,
    });
  });

  it('compares ARNs exactly: another account or another case is a different role', () => {
    expect(classifyTaskRole(roleArn.replace('123456789012', '210987654321'), account).roleUse).toBe('custom');
    expect(classifyTaskRole(pathlessArn.replace('123456789012', '210987654321'), account).roleUse).toBe('custom');
    expect(classifyTaskRole(pathlessArn.replace('arn:aws:', 'arn:aws-cn:'), account).roleUse).toBe('custom');
    expect(classifyTaskRole('arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonSSMCopy', account).roleUse).toBe('custom');
    expect(classifyTaskRole(roleArn.replace('AWSServiceRoleForAmazonSSM', 'awsservicerole'), account).roleUse).toBe('custom');
  });

  it('decides from the task-level role only, whatever notification role the invocation parameters hold', () => {
    // The decoy: a task with a custom task role whose Run Command notification role is the service-linked role's ARN,
    // and a task without a task role whose notification role is a custom one. Only the task-level field counts.
    const decoyCustom = { ServiceRoleArn: 'arn:aws:iam::123456789012:role/MwRole', TaskInvocationParameters: { RunCommand: { ServiceRoleArn: roleArn } } };
    const decoyImplicit = { TaskInvocationParameters: { RunCommand: { ServiceRoleArn: 'arn:aws:iam::123456789012:role/SnsRole' } } } as {
      ServiceRoleArn?: string;
    };
    expect(classifyTaskRole(decoyCustom.ServiceRoleArn, account).reliesOnRole).toBe(false);
    expect(classifyTaskRole(decoyImplicit.ServiceRoleArn, account).reliesOnRole).toBe(true);
  });
});

describe('isServiceLinkedRoleArn', () => {
  it('is the one rule the move action refuses by: with the path, without it, never another role', () => {
    expect(isServiceLinkedRoleArn(roleArn, 'aws', '123456789012')).toBe(true);
    expect(isServiceLinkedRoleArn(pathlessArn, 'aws', '123456789012')).toBe(true);
    expect(isServiceLinkedRoleArn('arn:aws:iam::123456789012:role/MaintenanceWindowRole', 'aws', '123456789012')).toBe(false);
    expect(isServiceLinkedRoleArn('arn:aws:iam::123456789012:role/x-AWSServiceRoleForAmazonSSM', 'aws', '123456789012')).toBe(false);
    expect(isServiceLinkedRoleArn(pathlessArn, 'aws', '210987654321')).toBe(false);
  });
});

describe('inventory targets', () => {
  it('recognises tag and resource-group expansion', () => {
    expect(targetsUseTags([{ key: 'tag:Patch', values: ['yes'] }])).toBe(true);
    expect(targetsUseTags([{ key: 'tag-key', values: ['Owner'] }])).toBe(true);
    expect(targetsUseTags([{ key: 'InstanceIds', values: ['*'] }])).toBe(false);
    expect(targetsUseResourceGroups([{ key: 'resource-groups:Name', values: ['web'] }])).toBe(true);
    expect(targetsUseResourceGroups([{ key: 'tag:Name', values: ['web'] }])).toBe(false);
    const finding = toInventoryFinding({
      associationId: 'a',
      documentName: 'AWS-GatherSoftwareInventory',
      targets: [{ key: 'resource-groups:Name', values: ['web'] }],
    });
    expect(finding).toMatchObject({ usesTags: false, usesResourceGroups: true });
  });

  it('builds the window task ARN IAM lists in usage lists', () => {
    expect(getWindowTaskArn('aws', 'eu-west-1', '123456789012', 'mw-0123456789abcdef0', 'abc')).toBe(
      'arn:aws:ssm:eu-west-1:123456789012:windowtask/mw-0123456789abcdef0/abc',
    );
  });
});
