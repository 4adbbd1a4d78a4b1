import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAllowedActions, parsePolicyDocument } from '@/lib/aws/policy-document';
import { ACTION_CATALOGUE, findActionInfo } from './action-catalogue';
import {
  comparePolicyActions,
  DOCUMENTED_ACTIONS,
  getVersionNumber,
  KNOWN_POLICY_VERSIONS,
  listKnownVersionsWithTotals,
  V16_ACTIONS,
} from './policy-versions';

// The reference documents, read as files so the expectations come from them and not from the code under test.
const referenceDir = path.join(__dirname, 'reference');
const v16Actions = listAllowedActions(parsePolicyDocument(JSON.parse(readFileSync(path.join(referenceDir, 'v16-policy.json'), 'utf8'))));
const seedActions = [...readFileSync(path.join(referenceDir, 'seed-ssm-service-linked-role.txt'), 'utf8').matchAll(/•\s+([a-z0-9-]+:[A-Za-z]+)\s*$/gm)].map(
  (match) => match[1] ?? '',
);

describe('the documented list and the v16 reference', () => {
  it('documents exactly the actions the seed page lists', () => {
    expect(seedActions.length).toBeGreaterThan(0);
    expect([...DOCUMENTED_ACTIONS].sort()).toEqual([...seedActions].sort());
  });

  it('uses the v16 document as published', () => {
    expect([...V16_ACTIONS].sort()).toEqual([...v16Actions].sort());
  });

  it('has a catalogue entry, with explanation and capability, for every v16 action', () => {
    const missing = v16Actions.filter((action) => !findActionInfo(action));
    expect(missing).toEqual([]);
    for (const action of v16Actions) {
      expect(ACTION_CATALOGUE[action]?.explanation.length).toBeGreaterThan(10);
      expect(ACTION_CATALOGUE[action]?.capability).toBeTruthy();
    }
  });

  it('has no catalogue entry for an action v16 does not grant', () => {
    expect(Object.keys(ACTION_CATALOGUE).filter((action) => !v16Actions.includes(action))).toEqual([]);
  });

  it('builds v16 exactly from the version table, each action added once', () => {
    const added = KNOWN_POLICY_VERSIONS.flatMap((version) => version.added);
    expect(new Set(added).size).toBe(added.length);
    expect([...added].sort()).toEqual([...v16Actions].sort());
    const totals = listKnownVersionsWithTotals();
    expect(totals[0]).toMatchObject({ versionId: 'v3', totalActions: seedActions.length });
    expect(totals.at(-1)).toMatchObject({ versionId: 'v16', totalActions: v16Actions.length });
  });

  it('lists versions in order with their dates', () => {
    const numbers = KNOWN_POLICY_VERSIONS.map((version) => getVersionNumber(version.versionId));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    for (const version of KNOWN_POLICY_VERSIONS) expect(version.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(KNOWN_POLICY_VERSIONS.find((version) => version.versionId === 'v16')?.date).toBe('2025-07-15');
  });
});

describe('comparePolicyActions', () => {
  it('finds every action v16 added beyond the 18 documented ones, with the version that added it', () => {
    const comparison = comparePolicyActions(v16Actions, 'v16');
    const expectedAdded = v16Actions.filter((action) => !seedActions.includes(action));
    expect(comparison.addedSinceDocumented.map((entry) => entry.action).sort()).toEqual([...expectedAdded].sort());
    expect(comparison.addedSinceDocumented).toHaveLength(v16Actions.length - seedActions.length);
    expect(comparison.addedSinceDocumented.find((entry) => entry.action === 'ssm:PutInventory')).toEqual({
      action: 'ssm:PutInventory',
      addedIn: 'v16',
      addedOn: '2025-07-15',
    });
    expect(comparison.addedSinceDocumented.find((entry) => entry.action === 'events:PutRule')?.addedIn).toBe('v13');
    expect(comparison.removedSinceDocumented).toEqual([]);
    expect(comparison.isChangedByAws).toBe(false);
    expect(comparison.isNewerThanKnown).toBe(false);
    expect(comparison.matchesKnownVersion).toBe(true);
  });

  it('flags a newer default version with an unknown action as changed by AWS', () => {
    const comparison = comparePolicyActions([...v16Actions, 'ssm:GetOpsSummary'], 'v17');
    expect(comparison.isNewerThanKnown).toBe(true);
    expect(comparison.isChangedByAws).toBe(true);
    expect(comparison.notInLatestKnown).toEqual(['ssm:GetOpsSummary']);
    expect(comparison.addedSinceDocumented.find((entry) => entry.action === 'ssm:GetOpsSummary')).toEqual({ action: 'ssm:GetOpsSummary' });
    expect(comparison.matchesKnownVersion).toBe(false);
  });

  it('flags a newer version even when its actions are the same as v16', () => {
    const comparison = comparePolicyActions(v16Actions, 'v18');
    expect(comparison.isChangedByAws).toBe(true);
    expect(comparison.notInLatestKnown).toEqual([]);
  });

  it('flags a v16 whose actions differ from the published v16', () => {
    const comparison = comparePolicyActions(v16Actions.filter((action) => action !== 'ssm:PutInventory'), 'v16');
    expect(comparison.isChangedByAws).toBe(true);
    expect(comparison.missingFromLatestKnown).toEqual(['ssm:PutInventory']);
    expect(comparison.matchesKnownVersion).toBe(false);
  });

  it('recognises an older known version and what it lacks against v16', () => {
    const v14 = KNOWN_POLICY_VERSIONS.slice(0, KNOWN_POLICY_VERSIONS.findIndex((version) => version.versionId === 'v14') + 1).flatMap(
      (version) => version.added,
    );
    const comparison = comparePolicyActions(v14, 'v14');
    expect(comparison.matchesKnownVersion).toBe(true);
    expect(comparison.isChangedByAws).toBe(false);
    expect(comparison.missingFromLatestKnown.sort()).toEqual(['resource-explorer-2:CreateManagedView', 'ssm:PutInventory']);
  });

  it('compares actions case-insensitively, as IAM does', () => {
    const comparison = comparePolicyActions(seedActions.map((action) => action.toLowerCase()), 'v3');
    expect(comparison.addedSinceDocumented).toEqual([]);
    expect(comparison.removedSinceDocumented).toEqual([]);
  });
});
