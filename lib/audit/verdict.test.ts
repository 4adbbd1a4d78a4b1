import { describe, expect, it } from 'vitest';
import type { MaintenanceWindowTaskFinding, RegionAudit, RegionScanStatus } from '@/lib/audit/types';
import { describeVerdict, getVerdict } from '@/lib/audit/verdict';

function task(reliesOnRole: boolean): MaintenanceWindowTaskFinding {
  return {
    windowId: 'mw-0123456789abcdef0',
    windowTaskId: crypto.randomUUID(),
    arn: 'arn',
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    serviceRoleArn: reliesOnRole ? null : 'arn:aws:iam::123456789012:role/Custom',
    roleUse: reliesOnRole ? 'service-linked-implicit' : 'custom',
    reliesOnRole,
    targets: [],
  };
}

function region(code: string, status: RegionScanStatus, tasks: MaintenanceWindowTaskFinding[] = [], inventory = 0): RegionAudit {
  return {
    region: { code, name: code, optInStatus: 'opt-in-not-required', isEnabled: status.kind !== 'not-enabled' },
    status,
    findings:
      status.kind === 'ok'
        ? {
            windows: [{ windowId: 'mw-0123456789abcdef0', name: 'w', isEnabled: true, tasks }],
            inventoryAssociations: Array.from({ length: inventory }, (_, index) => ({
              associationId: String(index),
              documentName: 'AWS-GatherSoftwareInventory',
              targets: [],
              usesTags: true,
              usesResourceGroups: false,
            })),
            dataSyncs: [],
            resourceGroups: [],
            taggedResources: { count: 0, sample: [] },
          }
        : null,
    warnings: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    callCount: 1,
  };
}

const ok: RegionScanStatus = { kind: 'ok' };
const throttled: RegionScanStatus = { kind: 'throttled', error: { kind: 'throttled', code: 'ThrottlingException', message: 'Rate exceeded' } };

describe('getVerdict', () => {
  it('is safe only when every enabled region was read and no task relies on the role', () => {
    expect(getVerdict([region('us-east-1', ok, [task(false)]), region('af-south-1', { kind: 'not-enabled' })])).toEqual({ kind: 'safe' });
  });

  it('does not let inventory use block deletion', () => {
    expect(getVerdict([region('us-east-1', ok, [], 3)])).toEqual({ kind: 'safe' });
  });

  it('counts blocking tasks and their regions', () => {
    const verdict = getVerdict([
      region('us-east-1', ok, [task(true), task(true), task(false)]),
      region('eu-west-1', ok, [task(true)]),
      region('us-west-2', ok, [task(false)]),
    ]);
    expect(verdict).toEqual({ kind: 'blocked', blockingTasks: 3, blockingRegions: ['us-east-1', 'eu-west-1'], unknownRegions: [] });
    expect(describeVerdict(verdict)).toBe('Deletion blocked: 3 maintenance-window tasks in 2 regions rely on the role.');
  });

  it('is never safe while a region is unknown', () => {
    for (const status of [
      throttled,
      { kind: 'timed-out', afterMs: 1000 } as const,
      { kind: 'access-denied', error: { kind: 'access-denied', code: 'AccessDeniedException', message: 'no' } } as const,
      { kind: 'error', error: { kind: 'service', code: 'InternalServerError', message: 'boom' } } as const,
    ]) {
      expect(getVerdict([region('us-east-1', ok), region('eu-west-1', status)])).toEqual({ kind: 'unknown', unknownRegions: ['eu-west-1'] });
    }
  });

  it('reports blockers and unknown regions together', () => {
    expect(getVerdict([region('us-east-1', ok, [task(true)]), region('eu-west-1', throttled)])).toEqual({
      kind: 'blocked',
      blockingTasks: 1,
      blockingRegions: ['us-east-1'],
      unknownRegions: ['eu-west-1'],
    });
  });

  it('is unknown when no region could be read at all', () => {
    expect(getVerdict([])).toEqual({ kind: 'unknown', unknownRegions: [] });
    expect(getVerdict([region('af-south-1', { kind: 'not-enabled' })]).kind).toBe('unknown');
  });
});
