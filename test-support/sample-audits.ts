// Audits built as plain data (lib/audit/types.ts) for the graph's unit tests and its benchmark: a small account
// shaped like the sandbox's demo scenario, and synthetic accounts of any size.

import type {
  AuditResult,
  MaintenanceWindowFinding,
  MaintenanceWindowTaskFinding,
  RegionAudit,
  RegionFindings,
  RegionScanStatus,
} from '@/lib/audit/types';
import { COMMERCIAL_REGIONS, getRegionName } from '@/lib/regions';
import { getRoleArn } from '@/lib/role/constants';

export const SAMPLE_ACCOUNT_ID = '123456789012';
export const SAMPLE_ROLE_ARN = getRoleArn('aws', SAMPLE_ACCOUNT_ID);
const CUSTOM_ROLE_ARN = `arn:aws:iam::${SAMPLE_ACCOUNT_ID}:role/MaintenanceWindowRole`;
const TIME = '2026-11-27T10:00:00.000Z';

function hex(value: number, length: number): string {
  return value.toString(16).padStart(length, '0').slice(-length);
}

export function sampleWindowId(regionIndex: number, windowIndex: number): string {
  return `mw-${hex(regionIndex, 5)}${hex(windowIndex, 12)}`;
}

export function sampleWindowTaskId(regionIndex: number, windowIndex: number, taskIndex: number): string {
  return `${hex(regionIndex, 8)}-${hex(windowIndex, 4)}-4${hex(taskIndex, 3)}-8000-${hex(regionIndex * 1_000_000 + windowIndex * 100 + taskIndex, 12)}`;
}

export function sampleTask(
  regionCode: string,
  windowId: string,
  windowTaskId: string,
  name: string,
  roleUse: MaintenanceWindowTaskFinding['roleUse'],
): MaintenanceWindowTaskFinding {
  return {
    windowId,
    windowTaskId,
    arn: `arn:aws:ssm:${regionCode}:${SAMPLE_ACCOUNT_ID}:windowtask/${windowId}/${windowTaskId}`,
    name,
    type: 'RUN_COMMAND',
    taskArn: 'AWS-RunPatchBaseline',
    priority: 1,
    serviceRoleArn: roleUse === 'custom' ? CUSTOM_ROLE_ARN : roleUse === 'service-linked-explicit' ? SAMPLE_ROLE_ARN : null,
    roleUse,
    reliesOnRole: roleUse !== 'custom',
    targets: [{ key: 'WindowTargetIds', values: ['e32eecb2-646c-4f4b-8ed1-205fbEXAMPLE'] }],
  };
}

function emptyFindings(): RegionFindings {
  return { windows: [], inventoryAssociations: [], dataSyncs: [], resourceGroups: [], taggedResources: { count: 0, sample: [] } };
}

function regionAudit(code: string, status: RegionScanStatus, findings: RegionFindings | null, isEnabled = true): RegionAudit {
  const known = COMMERCIAL_REGIONS.find((region) => region.code === code);
  return {
    region: {
      code,
      name: getRegionName(code),
      optInStatus: known?.isOptIn ? (isEnabled ? 'opted-in' : 'not-opted-in') : 'opt-in-not-required',
      isEnabled,
    },
    status,
    findings,
    warnings: [],
    startedAt: TIME,
    finishedAt: TIME,
    callCount: findings ? 6 : 1,
  };
}

function auditOf(id: string, regions: RegionAudit[]): AuditResult {
  return {
    id,
    startedAt: TIME,
    finishedAt: TIME,
    target: { target: 'sandbox', accountId: SAMPLE_ACCOUNT_ID, callerArn: `arn:aws:iam::${SAMPLE_ACCOUNT_ID}:user/admin`, partition: 'aws' },
    roleArn: SAMPLE_ROLE_ARN,
    roleExists: true,
    regions,
    // The graph does not read the verdict; a plain summary keeps the fixture self-consistent.
    verdict: { kind: 'unknown', unknownRegions: [] },
  };
}

/**
 * A small account: us-east-1 holds two windows (two tasks on the role, two on a custom role), eu-west-1 one task
 * naming the role explicitly plus Inventory (tag and resource-group targets) and an Explorer data sync,
 * ap-southeast-2 could not be read, us-west-2 is clean and af-south-1 is not enabled.
 */
export function createDemoLikeAudit(): AuditResult {
  const east = 'us-east-1';
  const west = 'eu-west-1';
  const patchWindow: MaintenanceWindowFinding = {
    windowId: 'mw-0a1b2c3d4e5f60001',
    name: 'nightly-patching',
    isEnabled: true,
    schedule: 'cron(0 2 ? * * *)',
    tasks: [
      sampleTask(east, 'mw-0a1b2c3d4e5f60001', '11111111-1111-4111-8111-111111111111', 'patch-linux', 'service-linked-implicit'),
      sampleTask(east, 'mw-0a1b2c3d4e5f60001', '22222222-2222-4222-8222-222222222222', 'patch-windows', 'service-linked-implicit'),
      sampleTask(east, 'mw-0a1b2c3d4e5f60001', '33333333-3333-4333-8333-333333333333', 'scan-only', 'custom'),
    ],
  };
  const backupWindow: MaintenanceWindowFinding = {
    windowId: 'mw-0a1b2c3d4e5f60002',
    name: 'weekly-backup',
    isEnabled: true,
    schedule: 'rate(7 days)',
    tasks: [sampleTask(east, 'mw-0a1b2c3d4e5f60002', '44444444-4444-4444-8444-444444444444', 'snapshot-volumes', 'custom')],
  };
  const westWindow: MaintenanceWindowFinding = {
    windowId: 'mw-0f0e0d0c0b0a90001',
    name: 'eu-restarts',
    isEnabled: false,
    tasks: [sampleTask(west, 'mw-0f0e0d0c0b0a90001', '55555555-5555-4555-8555-555555555555', 'restart-agents', 'service-linked-explicit')],
  };
  const westFindings: RegionFindings = {
    ...emptyFindings(),
    windows: [westWindow],
    inventoryAssociations: [
      {
        associationId: '66666666-6666-4666-8666-666666666666',
        associationName: 'inventory-by-tag',
        documentName: 'AWS-GatherSoftwareInventory',
        targets: [
          { key: 'tag:Environment', values: ['production'] },
          { key: 'resource-groups:Name', values: ['web-servers'] },
        ],
        usesTags: true,
        usesResourceGroups: true,
        lastExecutionDate: TIME,
      },
    ],
    dataSyncs: [{ syncName: 'explorer-ops-data', syncType: 'SyncFromSource', sourceType: 'SingleAccountMultipleRegions', state: 'Successful', lastStatus: 'Successful' }],
    resourceGroups: [{ name: 'web-servers', arn: `arn:aws:resource-groups:${west}:${SAMPLE_ACCOUNT_ID}:group/web-servers` }],
    taggedResources: { count: 3, sample: [] },
  };
  return auditOf('audit-demo-like', [
    regionAudit(east, { kind: 'ok' }, { ...emptyFindings(), windows: [patchWindow, backupWindow] }),
    regionAudit(west, { kind: 'ok' }, westFindings),
    regionAudit(
      'ap-southeast-2',
      { kind: 'access-denied', error: { kind: 'access-denied', code: 'AccessDeniedException', message: 'not authorized to perform ssm:DescribeMaintenanceWindows' } },
      null,
    ),
    regionAudit('us-west-2', { kind: 'ok' }, emptyFindings()),
    regionAudit('af-south-1', { kind: 'not-enabled' }, null, false),
  ]);
}

export interface SyntheticAuditOptions {
  regionCount: number;
  windowsPerRegion: number;
  tasksPerWindow: number;
  /** The first this-many tasks of each window rely on the role; the rest run as a custom role. */
  relyingTasksPerWindow: number;
}

/** Defaults match the sandbox's `large` scenario: every enabled region × 200 windows × 5 tasks. */
export const LARGE_SCENARIO_SHAPE: SyntheticAuditOptions = {
  regionCount: COMMERCIAL_REGIONS.filter((region) => !region.isOptIn).length,
  windowsPerRegion: 200,
  tasksPerWindow: 5,
  relyingTasksPerWindow: 2,
};

export function createSyntheticAudit(options: SyntheticAuditOptions = LARGE_SCENARIO_SHAPE): AuditResult {
  const codes = COMMERCIAL_REGIONS.filter((region) => !region.isOptIn).map((region) => region.code);
  if (options.regionCount > codes.length) throw new Error(`At most ${codes.length} regions are enabled by default.`);
  const regions: RegionAudit[] = [];
  for (let regionIndex = 0; regionIndex < options.regionCount; regionIndex += 1) {
    const code = codes[regionIndex] ?? 'us-east-1';
    const windows: MaintenanceWindowFinding[] = [];
    for (let windowIndex = 0; windowIndex < options.windowsPerRegion; windowIndex += 1) {
      const windowId = sampleWindowId(regionIndex, windowIndex);
      const tasks: MaintenanceWindowTaskFinding[] = [];
      for (let taskIndex = 0; taskIndex < options.tasksPerWindow; taskIndex += 1) {
        const roleUse = taskIndex < options.relyingTasksPerWindow ? 'service-linked-implicit' : 'custom';
        tasks.push(sampleTask(code, windowId, sampleWindowTaskId(regionIndex, windowIndex, taskIndex), `task-${windowIndex}-${taskIndex}`, roleUse));
      }
      windows.push({ windowId, name: `window-${regionIndex}-${windowIndex}`, isEnabled: true, schedule: 'rate(1 day)', tasks });
    }
    regions.push(regionAudit(code, { kind: 'ok' }, { ...emptyFindings(), windows }));
  }
  return auditOf(`audit-synthetic-${options.regionCount}x${options.windowsPerRegion}x${options.tasksPerWindow}`, regions);
}
