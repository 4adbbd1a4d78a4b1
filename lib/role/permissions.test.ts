import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAllowedActions, parsePolicyDocument } from '@/lib/aws/policy-document';
import { countActionsByCapability, groupActionsByService } from './permissions';

const v16 = parsePolicyDocument(JSON.parse(readFileSync(path.join(__dirname, 'reference', 'v16-policy.json'), 'utf8')));

describe('groupActionsByService', () => {
  it('puts every v16 action in the group of its service prefix', () => {
    const groups = groupActionsByService(v16);
    const grouped = groups.flatMap((group) => group.actions.map((action) => action.action));
    expect(grouped.sort()).toEqual(listAllowedActions(v16).sort());
    for (const group of groups) {
      for (const action of group.actions) expect(action.action.startsWith(`${group.prefix}:`)).toBe(true);
    }
    const prefixes = new Set(listAllowedActions(v16).map((action) => action.split(':')[0]));
    expect(groups.map((group) => group.prefix).sort()).toEqual([...prefixes].sort());
  });

  it('labels services in words and sorts groups by label and actions by name', () => {
    const groups = groupActionsByService(v16);
    const labels = groups.map((group) => group.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
    const ssm = groups.find((group) => group.prefix === 'ssm');
    expect(ssm?.label).toBe('Systems Manager');
    const names = ssm?.actions.map((action) => action.action) ?? [];
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('carries each statement’s resources and conditions to its actions', () => {
    const groups = groupActionsByService(v16);
    const passRole = groups.find((group) => group.prefix === 'iam')?.actions[0];
    expect(passRole).toMatchObject({ action: 'iam:PassRole', resources: ['*'], capability: 'Automation' });
    expect(passRole?.conditions).toEqual(['StringEquals iam:PassedToService = ssm.amazonaws.com']);
    const putInventory = groups.find((group) => group.prefix === 'ssm')?.actions.find((action) => action.action === 'ssm:PutInventory');
    expect(putInventory?.conditions).toEqual(['ForAllValues:StringEquals ssm:InventoryTypeName = AWS:ComplianceItem, AWS:PatchSummary']);
    const lambda = groups.find((group) => group.prefix === 'lambda')?.actions[0];
    expect(lambda?.resources).toEqual(['arn:aws:lambda:*:*:function:SSM*', 'arn:aws:lambda:*:*:function:*:SSM*']);
  });

  it('leaves an unknown action unexplained rather than guessing', () => {
    const groups = groupActionsByService(parsePolicyDocument({ Statement: [{ Effect: 'Allow', Action: ['ssm:GetOpsSummary', 'ssm:SendCommand'], Resource: '*' }] }));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.actions[0]).toMatchObject({ action: 'ssm:GetOpsSummary' });
    expect(groups[0]?.actions[0]?.explanation).toBeUndefined();
    expect(groups[0]?.actions[1]?.capability).toBe('Maintenance Windows');
    expect(countActionsByCapability(groups)).toEqual(
      expect.arrayContaining([
        { capability: 'Unexplained', count: 1 },
        { capability: 'Maintenance Windows', count: 1 },
      ]),
    );
  });

  it('counts v16 actions by capability, adding up to all of them', () => {
    const counts = countActionsByCapability(groupActionsByService(v16));
    expect(counts.reduce((sum, entry) => sum + entry.count, 0)).toBe(listAllowedActions(v16).length);
    expect(counts.some((entry) => entry.capability === 'Unexplained')).toBe(false);
  });
});
