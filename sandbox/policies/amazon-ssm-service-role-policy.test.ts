import { describe, expect, it } from 'vitest';
import { createAmazonSsmServiceRolePolicy, SERVICE_ROLE_POLICY_HISTORY } from './amazon-ssm-service-role-policy';
import type { PolicyDocument } from './types';

function actionsOf(document: PolicyDocument): string[] {
  return document.Statement.flatMap((statement) => (typeof statement.Action === 'string' ? [statement.Action] : statement.Action)).sort();
}

// The 18 actions the 2018 AWS page (the project's seed document) lists.
const SEED_ACTIONS = [
  'ec2:DescribeInstanceAttribute',
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeInstances',
  'iam:PassRole',
  'lambda:InvokeFunction',
  'resource-groups:ListGroupResources',
  'resource-groups:ListGroups',
  'ssm:CancelCommand',
  'ssm:GetAutomationExecution',
  'ssm:GetCommandInvocation',
  'ssm:GetParameters',
  'ssm:ListCommandInvocations',
  'ssm:ListCommands',
  'ssm:SendCommand',
  'ssm:StartAutomationExecution',
  'states:DescribeExecution',
  'states:StartExecution',
  'tag:GetResources',
];

describe('AmazonSSMServiceRolePolicy versions', () => {
  const policy = createAmazonSsmServiceRolePolicy();
  const byId = new Map(policy.versions.map((version) => [version.versionId, version]));

  it('starts from the seed document’s 18 actions in v3', () => {
    expect(actionsOf(byId.get('v3')!.document)).toEqual(SEED_ACTIONS);
  });

  it('adds exactly the documented actions in each later version, ending with v16 as the default', () => {
    for (let index = 1; index < SERVICE_ROLE_POLICY_HISTORY.length; index += 1) {
      const entry = SERVICE_ROLE_POLICY_HISTORY[index]!;
      const previous = new Set(actionsOf(byId.get(SERVICE_ROLE_POLICY_HISTORY[index - 1]!.versionId)!.document));
      const added = actionsOf(byId.get(entry.versionId)!.document).filter((action) => !previous.has(action));
      expect(added, entry.versionId).toEqual([...entry.added].sort());
    }
    expect(policy.defaultVersionId).toBe('v16');
    expect(actionsOf(byId.get('v16')!.document)).toHaveLength(52);
    expect(policy.versions.map((version) => version.versionId)[0]).toBe('v16');
  });

  it('keeps the PutInventory condition only where the action exists', () => {
    const v16 = JSON.stringify(byId.get('v16')!.document);
    expect(v16).toContain('ssm:InventoryTypeName');
    expect(JSON.stringify(byId.get('v15')!.document)).not.toContain('ssm:InventoryTypeName');
  });
});
