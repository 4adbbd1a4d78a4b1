// Turns the stored audit into the graph's source: only what the graph draws, and for regions with many windows
// only their counts (the windows are fetched when the region is expanded), so large accounts stay light.

import { describeStatus, isRegionUnknown } from '@/lib/audit/summary';
import type { AuditResult, MaintenanceWindowFinding, RegionAudit } from '@/lib/audit/types';
import type { RoleEvidence } from '@/lib/evidence/types';
import { DEFAULT_GROUP_THRESHOLD, type GraphEvidence, type GraphSource, type GraphSourceRegion, type WindowSummary } from '@/lib/graph/types';

export interface GraphSourceOptions {
  /** Limit the source to these regions (the one-region graph). */
  regionCodes?: readonly string[];
  /** Send every region's windows (true), or only those of regions at or below the grouping threshold (false). */
  includeAllWindows?: boolean;
  groupThreshold?: number;
  /** The audit is a member account's (shown through `?account=`). */
  memberAccountId?: string;
  /** The evidence of use of the audit's account, when collected: its last use per region goes on the nodes. */
  evidence?: RoleEvidence | null;
}

/** The evidence's last use per region, reduced to what the graph shows (only `read` regions say anything). */
export function toGraphEvidence(evidence: RoleEvidence): GraphEvidence {
  const regions: GraphEvidence['regions'] = {};
  for (const region of evidence.regions) {
    if (region.status.kind === 'not-enabled') continue;
    if (region.status.kind !== 'read') regions[region.region] = { kind: 'unknown' };
    else regions[region.region] = region.lastUsedAt ? { kind: 'used', at: region.lastUsedAt } : { kind: 'unused' };
  }
  return { collectedAt: evidence.collectedAt, regions };
}

export function summarizeWindows(windows: readonly MaintenanceWindowFinding[]): WindowSummary {
  const summary: WindowSummary = { windows: windows.length, tasks: 0, relyingTasks: 0, customTasks: 0, blockingWindows: 0 };
  for (const window of windows) {
    let relying = 0;
    for (const task of window.tasks) {
      summary.tasks += 1;
      if (task.reliesOnRole) relying += 1;
      else summary.customTasks += 1;
    }
    summary.relyingTasks += relying;
    if (relying > 0) summary.blockingWindows += 1;
  }
  return summary;
}

function hasAnythingToDraw(region: RegionAudit): boolean {
  const findings = region.findings;
  if (!findings) return false;
  return findings.windows.length > 0 || findings.inventoryAssociations.length > 0 || findings.dataSyncs.length > 0;
}

function toSourceRegion(region: RegionAudit, isWindowDetailSent: (windowCount: number) => boolean): GraphSourceRegion {
  const findings = region.findings;
  const windows = findings?.windows ?? [];
  const isUnknown = isRegionUnknown(region.status);
  return {
    code: region.region.code,
    name: region.region.name,
    condition: isUnknown ? 'unknown' : 'ok',
    status: region.status,
    statusMessage: isUnknown ? describeStatus(region.status) : undefined,
    warnings: region.warnings,
    summary: summarizeWindows(windows),
    windows: isWindowDetailSent(windows.length) ? windows : null,
    inventoryAssociations: findings?.inventoryAssociations ?? [],
    dataSyncs: findings?.dataSyncs ?? [],
    resourceGroupCount: findings?.resourceGroups.length ?? 0,
    taggedResourceCount: findings?.taggedResources.count ?? 0,
  };
}

export function toGraphSource(audit: AuditResult, options: GraphSourceOptions = {}): GraphSource {
  const threshold = options.groupThreshold ?? DEFAULT_GROUP_THRESHOLD;
  const scope = options.regionCodes ? new Set(options.regionCodes) : null;
  const isWindowDetailSent = (windowCount: number) => options.includeAllWindows === true || windowCount <= threshold;
  const regions: GraphSourceRegion[] = [];
  const cleanRegions: string[] = [];
  const notEnabledRegions: string[] = [];
  for (const region of audit.regions) {
    if (scope && !scope.has(region.region.code)) continue;
    if (region.status.kind === 'not-enabled') {
      notEnabledRegions.push(region.region.code);
    } else if (isRegionUnknown(region.status) || hasAnythingToDraw(region)) {
      regions.push(toSourceRegion(region, isWindowDetailSent));
    } else {
      cleanRegions.push(region.region.code);
    }
  }
  return {
    auditId: audit.id,
    finishedAt: audit.finishedAt,
    target: audit.target.target,
    accountId: audit.target.accountId,
    ...(options.memberAccountId ? { memberAccountId: options.memberAccountId } : {}),
    partition: audit.target.partition,
    roleArn: audit.roleArn,
    roleExists: audit.roleExists,
    regions,
    cleanRegions,
    notEnabledRegions,
    // Evidence read for another role (another account) says nothing about this audit's.
    ...(options.evidence && options.evidence.roleArn === audit.roleArn ? { evidence: toGraphEvidence(options.evidence) } : {}),
  };
}

/** The windows of one region of an audit, for the client that expands a grouped region. */
export function getRegionWindows(audit: AuditResult, regionCode: string): MaintenanceWindowFinding[] | null {
  const region = audit.regions.find((candidate) => candidate.region.code === regionCode);
  return region?.findings?.windows ?? null;
}
