import { describe, expect, it } from 'vitest';
import { KNOWN_POLICY_VERSIONS } from '../../lib/role/policy-versions';
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

  it('holds, per version, the number of actions and the date AWS published', () => {
    // AWS's policy-version history: version, date, number of actions.
    const published: Array<[string, string, number]> = [
      ['v3', '2018-07-25', 18],
      ['v4', '2019-10-24', 20],
      ['v5', '2020-01-22', 22],
      ['v6', '2020-04-20', 26],
      ['v7', '2020-06-04', 27],
      ['v8', '2020-07-31', 28],
      ['v9', '2020-11-11', 31],
      ['v10', '2020-12-11', 37],
      ['v11', '2021-01-05', 38],
      ['v12', '2021-03-23', 40],
      ['v13', '2021-04-26', 48],
      ['v14', '2022-09-14', 50],
      ['v15', '2024-11-15', 51],
      ['v16', '2025-07-15', 52],
    ];
    const served = [...policy.versions].reverse().map((version) => [version.versionId, version.createDate.slice(0, 10), actionsOf(version.document).length]);
    expect(served).toEqual(published);
  });

  it('agrees with the dashboard’s own table of the history, which it does not share', () => {
    const normalise = (entries: ReadonlyArray<{ versionId: string; date: string; added: readonly string[] }>) =>
      entries.map((entry) => ({ versionId: entry.versionId, date: entry.date, added: [...entry.added].sort() }));
    expect(normalise(SERVICE_ROLE_POLICY_HISTORY)).toEqual(normalise(KNOWN_POLICY_VERSIONS));
    expect(SERVICE_ROLE_POLICY_HISTORY).not.toBe(KNOWN_POLICY_VERSIONS);
  });

  it('keeps the PutInventory condition only where the action exists', () => {
    const v16 = JSON.stringify(byId.get('v16')!.document);
    expect(v16).toContain('ssm:InventoryTypeName');
    expect(JSON.stringify(byId.get('v15')!.document)).not.toContain('ssm:InventoryTypeName');
  });
});
