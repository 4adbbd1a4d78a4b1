import { describe, expect, it } from 'vitest';
import { classifyTaskRole, getWindowTaskArn, targetsUseResourceGroups, targetsUseTags, toInventoryFinding } from '@/lib/audit/classify';
import { getRoleArn } from '@/lib/role/constants';

const roleArn = getRoleArn('aws', '123456789012');

describe('classifyTaskRole', () => {
  it('treats a task without a task-level role as relying on the service-linked role', () => {
    expect(classifyTaskRole(undefined, roleArn)).toEqual({ roleUse: 'service-linked-implicit', reliesOnRole: true });
    expect(classifyTaskRole(null, roleArn)).toEqual({ roleUse: 'service-linked-implicit', reliesOnRole: true });
    expect(classifyTaskRole('', roleArn)).toEqual({ roleUse: 'service-linked-implicit', reliesOnRole: true });
  });

  it('treats a task naming the service-linked role ARN explicitly as relying on it', () => {
    expect(roleArn).toBe('arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM');
    expect(classifyTaskRole(roleArn, roleArn)).toEqual({ roleUse: 'service-linked-explicit', reliesOnRole: true });
  });

  it('treats a task with its own role as custom, not relying on the service-linked role', () => {
    expect(classifyTaskRole('arn:aws:iam::123456789012:role/MaintenanceWindowRole', roleArn)).toEqual({
      roleUse: 'custom',
      reliesOnRole: false,
    });
  });

  it('compares ARNs exactly: another account or another case is a different role', () => {
    expect(classifyTaskRole(getRoleArn('aws', '210987654321'), roleArn).roleUse).toBe('custom');
    expect(classifyTaskRole(roleArn.replace('AWSServiceRoleForAmazonSSM', 'awsservicerole'), roleArn).roleUse).toBe('custom');
  });

  it('decides from the task-level role only, whatever notification role the invocation parameters hold', () => {
    // The decoy: a task with a custom task role whose Run Command notification role is the service-linked role's ARN,
    // and a task without a task role whose notification role is a custom one. Only the task-level field counts.
    const decoyCustom = { ServiceRoleArn: 'arn:aws:iam::123456789012:role/MwRole', TaskInvocationParameters: { RunCommand: { ServiceRoleArn: roleArn } } };
    const decoyImplicit = { TaskInvocationParameters: { RunCommand: { ServiceRoleArn: 'arn:aws:iam::123456789012:role/SnsRole' } } } as {
      ServiceRoleArn?: string;
    };
    expect(classifyTaskRole(decoyCustom.ServiceRoleArn, roleArn).reliesOnRole).toBe(false);
    expect(classifyTaskRole(decoyImplicit.ServiceRoleArn, roleArn).reliesOnRole).toBe(true);
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
