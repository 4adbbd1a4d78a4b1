import type {
  AuditProgressEvent,
  AuditResult,
  AuditVerdict,
  DataImpactRead,
  ReadStatus,
  RegionAudit,
  RegionDescriptor,
  RegionFindings,
  RegionScanStatus,
} from '@/lib/audit/types';

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
  return status.kind !== 'ok' && status.kind !== 'not-enabled' && status.kind !== 'no-ssm';
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

/** The data-impact reads that did not finish, with why: their figures are unknown, not zero. */
export function getUnknownDataReads(findings: RegionFindings | null): Partial<Record<DataImpactRead, string>> {
  const unknown: Partial<Record<DataImpactRead, string>> = {};
  for (const [read, status] of Object.entries(findings?.dataReads ?? {}) as Array<[DataImpactRead, ReadStatus]>) {
    if (status.kind !== 'ok') unknown[read] = describeStatus(status);
  }
  return unknown;
}

/** True when the count of tagged resources stopped at its page bound: the figure is "at least". */
export function isTaggedCountLowerBound(findings: RegionFindings | null): boolean {
  return findings?.taggedResources.isComplete === false && findings.dataReads?.taggedResources.kind === 'ok';
}

/** Inventory, Explorer and tag/group data the role feeds: lost on deletion, but never a blocker. */
export function hasDataImpact(counts: RegionCounts | null): boolean {
  if (!counts) return false;
  return counts.inventoryAssociations + counts.dataSyncs + counts.resourceGroups + counts.taggedResources > 0;
}

const STATUS_LABELS: Record<RegionScanStatus['kind'], string> = {
  ok: 'Scanned',
  'not-enabled': 'Not enabled',
  'no-ssm': 'No Systems Manager',
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
    case 'no-ssm':
      return 'Systems Manager does not exist in this region (AWS does not list it among its regions); nothing there can use the role, and nothing was read';
    case 'timed-out':
      return `No answer within ${Math.round(status.afterMs / 1000)} s`;
    default: {
      const { code, message, requestId } = status.error;
      const cause = status.kind === 'error' && status.likelyCause ? ` — ${status.likelyCause}` : '';
      return `${code}: ${message}${requestId ? ` (request id ${requestId})` : ''}${cause}`;
    }
  }
}

/** What the region table shows of one region: no findings, only their figures. */
export interface RegionOverview {
  region: RegionDescriptor;
  status: RegionScanStatus;
  counts: RegionCounts | null;
  /** Data-impact figures that are unknown (their read failed or ran out of time), with why. */
  unknownData?: Partial<Record<DataImpactRead, string>>;
  /** The tagged-resource figure is a lower bound. */
  isTaggedCountLowerBound?: boolean;
  warnings: string[];
  finishedAt: string;
}

/** An audit without its findings: what the region list, the verdict banner and the progress stream need. */
export interface AuditOverview {
  id: string;
  startedAt: string;
  finishedAt: string;
  verdict: AuditVerdict;
  roleLastUsedRegion?: string;
  warnings: string[];
  regions: RegionOverview[];
}

export function toRegionOverview(region: RegionAudit): RegionOverview {
  return {
    region: region.region,
    status: region.status,
    counts: getRegionCounts(region),
    unknownData: getUnknownDataReads(region.findings),
    isTaggedCountLowerBound: isTaggedCountLowerBound(region.findings),
    warnings: region.warnings,
    finishedAt: region.finishedAt,
  };
}

export function toAuditOverview(audit: AuditResult): AuditOverview {
  return {
    id: audit.id,
    startedAt: audit.startedAt,
    finishedAt: audit.finishedAt,
    verdict: audit.verdict,
    roleLastUsedRegion: audit.roleLastUsedRegion,
    warnings: audit.warnings ?? [],
    regions: audit.regions.map(toRegionOverview),
  };
}

/** Progress events carrying overviews instead of findings, for the browser's live table. */
export type AuditOverviewEvent =
  | { type: 'started'; auditId: string; regions: RegionDescriptor[]; startedAt: string }
  | { type: 'region'; auditId: string; region: RegionOverview; done: number; total: number }
  | { type: 'finished'; audit: AuditOverview }
  | { type: 'failed'; auditId: string; message: string };

export function toOverviewEvent(event: AuditProgressEvent): AuditOverviewEvent {
  switch (event.type) {
    case 'region':
      return { ...event, region: toRegionOverview(event.region) };
    case 'finished':
      return { type: 'finished', audit: toAuditOverview(event.audit) };
    default:
      return event;
  }
}

/** A few words on why a region was not read (its AWS error code, or the deadline), or null when it was. */
export function getShortStatusReason(status: RegionScanStatus): string | null {
  switch (status.kind) {
    case 'ok':
    case 'not-enabled':
    case 'no-ssm':
      return null;
    case 'timed-out':
      return `No answer in ${Math.round(status.afterMs / 1000)} s`;
    default:
      return status.error.code;
  }
}
