import { describe, expect, it } from 'vitest';
import type { AuditResult, RegionAudit, RegionFindings } from '@/lib/audit/types';
import { buildDeletionPlan, getArnRegion } from '@/lib/deletion/plan';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM';

function findings(overrides: Partial<RegionFindings> = {}): RegionFindings {
  return { windows: [], inventoryAssociations: [], dataSyncs: [], resourceGroups: [], taggedResources: { count: 0, sample: [] }, ...overrides };
}

function region(code: string, status: RegionAudit['status'], regionFindings: RegionFindings | null): RegionAudit {
  return {
    region: { code, name: code, optInStatus: 'opt-in-not-required', isEnabled: status.kind !== 'not-enabled' },
    status,
    findings: regionFindings,
    warnings: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    callCount: 1,
  };
}

function task(windowId: string, windowTaskId: string, serviceRoleArn: string | null, reliesOnRole: boolean) {
  return {
    windowId,
    windowTaskId,
    arn: `arn:aws:ssm:eu-west-1:123456789012:windowtask/${windowId}/${windowTaskId}`,
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    serviceRoleArn,
    roleUse: serviceRoleArn === null ? ('service-linked-implicit' as const) : serviceRoleArn === ROLE_ARN ? ('service-linked-explicit' as const) : ('custom' as const),
    reliesOnRole,
    targets: [],
  };
}

function audit(regions: RegionAudit[]): AuditResult {
  return {
    id: 'audit-1',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:05.000Z',
    target: { target: 'sandbox', accountId: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/admin', partition: 'aws' },
    roleArn: ROLE_ARN,
    roleExists: true,
    roleLastUsedDate: '2025-12-31T00:00:00.000Z',
    roleLastUsedRegion: 'eu-west-1',
    regions,
    // Deliberately wrong: the plan must recompute the verdict from the regions.
    verdict: { kind: 'safe' },
  };
}

describe('deletion plan', () => {
  it('groups the tasks relying on the role by region and leaves custom-role tasks out', () => {
    const window = {
      windowId: 'mw-0123456789abcdef0',
      name: 'Patching',
      isEnabled: true,
      tasks: [task('mw-0123456789abcdef0', 'a', null, true), task('mw-0123456789abcdef0', 'b', ROLE_ARN, true), task('mw-0123456789abcdef0', 'c', 'arn:aws:iam::123456789012:role/Custom', false)],
    };
    const plan = buildDeletionPlan(
      audit([
        region('us-east-1', { kind: 'ok' }, findings()),
        region('eu-west-1', { kind: 'ok' }, findings({ windows: [window] })),
        region('af-south-1', { kind: 'not-enabled' }, null),
      ]),
    );
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]?.region).toBe('eu-west-1');
    expect(plan.blockers[0]?.tasks.map((item) => [item.windowTaskId, item.roleUse])).toEqual([
      ['a', 'implicit'],
      ['b', 'explicit'],
    ]);
    expect(plan.blockerCount).toBe(2);
    expect(plan.verdict).toMatchObject({ kind: 'blocked', blockingTasks: 2 });
    expect(plan.notEnabledRegionCount).toBe(1);
    expect(plan.roleLastUsed).toEqual({ date: '2025-12-31T00:00:00.000Z', region: 'eu-west-1' });
  });

  it('names every unreadable region and never calls the account safe with one', () => {
    const plan = buildDeletionPlan(
      audit([
        region('us-east-1', { kind: 'ok' }, findings()),
        region('eu-west-2', { kind: 'access-denied', error: { kind: 'access-denied', code: 'AccessDeniedException', message: 'denied' } }, null),
        region('ap-south-1', { kind: 'timed-out', afterMs: 60_000 }, null),
      ]),
    );
    expect(plan.unknownRegions.map((item) => item.region)).toEqual(['ap-south-1', 'eu-west-2']);
    expect(plan.unknownRegions[1]?.reason).toContain('AccessDeniedException');
    expect(plan.verdict.kind).toBe('unknown');
  });

  it('lists inventory associations and data syncs with their region as data impact', () => {
    const plan = buildDeletionPlan(
      audit([
        region(
          'us-east-1',
          { kind: 'ok' },
          findings({
            inventoryAssociations: [{ associationId: 'assoc-1', documentName: 'AWS-GatherSoftwareInventory', targets: [], usesTags: true, usesResourceGroups: false }],
            dataSyncs: [{ syncName: 'explorer', syncType: 'SyncFromSource', state: 'Successful' }],
          }),
        ),
      ]),
    );
    expect(plan.inventory).toEqual([expect.objectContaining({ associationId: 'assoc-1', region: 'us-east-1' })]);
    expect(plan.dataSyncs).toEqual([expect.objectContaining({ syncName: 'explorer', region: 'us-east-1' })]);
    expect(plan.verdict.kind).toBe('safe');
  });

  it('labels data syncs by type: an Inventory export to S3 is shown but needs no Explorer acknowledgement', () => {
    const exportOnly = buildDeletionPlan(
      audit([region('us-east-1', { kind: 'ok' }, findings({ dataSyncs: [{ syncName: 'to-s3', syncType: 'SyncToDestination' }] }))]),
    );
    expect(exportOnly.dataSyncs).toEqual([expect.objectContaining({ syncName: 'to-s3', kind: 'inventory-export', label: 'Inventory export to S3', stopsWithRole: false })]);
    expect(exportOnly.requiresDataAcknowledgement).toBe(false);

    const explorer = buildDeletionPlan(
      audit([
        region(
          'us-east-1',
          { kind: 'ok' },
          findings({
            dataSyncs: [
              { syncName: 'to-s3', syncType: 'SyncToDestination' },
              { syncName: 'explorer', syncType: 'SyncFromSource', sourceType: 'SingleAccountMultiRegions', state: 'NoPermissions' },
            ],
          }),
        ),
      ]),
    );
    expect(explorer.dataSyncs.find((sync) => sync.syncName === 'explorer')).toMatchObject({ kind: 'explorer', label: 'Explorer sync', stopsWithRole: true });
    expect(explorer.dataSyncs.find((sync) => sync.syncName === 'explorer')?.effect).toMatch(/NoPermissions/);
    expect(explorer.requiresDataAcknowledgement).toBe(true);

    const inventoryOnly = buildDeletionPlan(
      audit([
        region(
          'us-east-1',
          { kind: 'ok' },
          findings({ inventoryAssociations: [{ associationId: 'assoc-1', documentName: 'AWS-GatherSoftwareInventory', targets: [], usesTags: true, usesResourceGroups: false }] }),
        ),
      ]),
    );
    expect(inventoryOnly.requiresDataAcknowledgement).toBe(true);
  });

  it("lists the user's resource groups and tagged resources by region, leaving out regions holding neither", () => {
    const group = { name: 'web-servers', arn: 'arn:aws:resource-groups:eu-west-1:123456789012:group/web-servers' };
    const plan = buildDeletionPlan(
      audit([
        region('us-east-1', { kind: 'ok' }, findings()),
        region('eu-west-1', { kind: 'ok' }, findings({ resourceGroups: [group], taggedResources: { count: 3, sample: ['arn:a'] } })),
        region('ap-south-1', { kind: 'ok' }, findings({ taggedResources: { count: 1, sample: ['arn:b'] } })),
      ]),
    );
    expect(plan.groupsAndTags.map((item) => [item.region, item.resourceGroups.map((entry) => entry.name), item.taggedResources.count])).toEqual([
      ['ap-south-1', [], 1],
      ['eu-west-1', ['web-servers'], 3],
    ]);
  });

  it('reads the region of a resource ARN', () => {
    expect(getArnRegion('arn:aws:ssm:eu-west-1:123456789012:windowtask/mw-0123456789abcdef0/x')).toBe('eu-west-1');
    expect(getArnRegion('not-an-arn')).toBeNull();
  });
});
