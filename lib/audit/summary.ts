import type { RegionAudit, RegionScanStatus } from '@/lib/audit/types';

// Per-region figures shown in the table, the export and the verdict, computed from a region's findings.

export interface RegionCounts {
  windows: number;
  tasksOnRole: number;
  tasksOnCustomRoles: number;
  inventoryAssociations: number;
  dataSyncs: number;
  resourceGroups: number;
  taggedResources: number;
}

/** A region that was not read: its findings are unknown, never zero. */
export function isRegionUnknown(status: RegionScanStatus): boolean {
  return status.kind !== 'ok' && status.kind !== 'not-enabled';
}

/** null when the region has no findings (not enabled, or not read). */
export function getRegionCounts(region: RegionAudit): RegionCounts | null {
  const findings = region.findings;
  if (!findings) return null;
  const tasks = findings.windows.flatMap((window) => window.tasks);
  return {
    windows: findings.windows.length,
    tasksOnRole: tasks.filter((task) => task.reliesOnRole).length,
    tasksOnCustomRoles: tasks.filter((task) => !task.reliesOnRole).length,
    inventoryAssociations: findings.inventoryAssociations.length,
    dataSyncs: findings.dataSyncs.length,
    resourceGroups: findings.resourceGroups.length,
    taggedResources: findings.taggedResources.count,
  };
}

/** Inventory, Explorer and tag/group data the role feeds: lost on deletion, but never a blocker. */
export function hasDataImpact(counts: RegionCounts | null): boolean {
  if (!counts) return false;
  return counts.inventoryAssociations + counts.dataSyncs + counts.resourceGroups + counts.taggedResources > 0;
}

const STATUS_LABELS: Record<RegionScanStatus['kind'], string> = {
  ok: 'Scanned',
  'not-enabled': 'Not enabled',
  'access-denied': 'Access denied',
  throttled: 'Throttled',
  'timed-out': 'Timed out',
  error: 'Error',
};

export function getStatusLabel(status: RegionScanStatus): string {
  return STATUS_LABELS[status.kind];
}

/** One line on why a region could not be read, for tables, exports and tooltips. */
export function describeStatus(status: RegionScanStatus): string {
  switch (status.kind) {
    case 'ok':
      return 'Read completely';
    case 'not-enabled':
      return 'The region is not enabled in this account; nothing there can use the role';
    case 'timed-out':
      return `No answer within ${Math.round(status.afterMs / 1000)} s`;
    default: {
      const { code, message, requestId } = status.error;
      return `${code}: ${message}${requestId ? ` (request id ${requestId})` : ''}`;
    }
  }
}
