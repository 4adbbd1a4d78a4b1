import { describeDataSync, type DataSyncDescription } from '@/lib/audit/classify';
import { describeStatus, isRegionUnknown } from '@/lib/audit/summary';
import { getVerdict } from '@/lib/audit/verdict';
import type { AuditResult, AuditVerdict, DataSyncFinding, InventoryAssociationFinding, TargetFinding } from '@/lib/audit/types';
import { getRegionName } from '@/lib/regions';

// What the delete wizard shows, derived from one audit: blockers grouped by region, the data that stops syncing,
// and the regions that could not be read (which forbid any claim of safety). Plain data for the browser.

export interface BlockingTask {
  arn: string;
  region: string;
  windowId: string;
  windowName: string;
  windowTaskId: string;
  name?: string;
  type: string;
  taskArn: string;
  /** 'implicit' when the task has no ServiceRoleArn, 'explicit' when it names the service-linked role. */
  roleUse: 'implicit' | 'explicit';
  targets: TargetFinding[];
}

export interface RegionBlockers {
  region: string;
  regionName: string;
  tasks: BlockingTask[];
}

export interface InventoryImpact extends InventoryAssociationFinding {
  region: string;
}

export interface DataSyncImpact extends DataSyncFinding, DataSyncDescription {
  region: string;
}

/** A region's resource groups and tagged resources: the user's data whose sync through Inventory stops. */
export interface RegionGroupsAndTags {
  region: string;
  regionName: string;
  resourceGroups: Array<{ name: string; arn: string; description?: string }>;
  taggedResources: { count: number; sample: string[] };
}

export interface UnknownRegion {
  region: string;
  regionName: string;
  reason: string;
}

export interface DeletionPlan {
  auditId: string;
  scannedAt: string;
  roleExists: boolean;
  roleLastUsed: { date: string; region: string } | null;
  verdict: AuditVerdict;
  blockers: RegionBlockers[];
  blockerCount: number;
  inventory: InventoryImpact[];
  dataSyncs: DataSyncImpact[];
  /**
   * Whether deleting the role stops something the user must acknowledge first: an inventory association, or a
   * sync that stops with the role (Explorer's). Inventory exports to S3 are shown, but keep running.
   */
  requiresDataAcknowledgement: boolean;
  /** Regions holding resource groups or tagged resources, in region order. */
  groupsAndTags: RegionGroupsAndTags[];
  unknownRegions: UnknownRegion[];
  scannedRegionCount: number;
  notEnabledRegionCount: number;
}

export function buildDeletionPlan(audit: AuditResult): DeletionPlan {
  const blockers: RegionBlockers[] = [];
  const inventory: InventoryImpact[] = [];
  const dataSyncs: DataSyncImpact[] = [];
  const groupsAndTags: RegionGroupsAndTags[] = [];
  const unknownRegions: UnknownRegion[] = [];
  let scannedRegionCount = 0;
  let notEnabledRegionCount = 0;

  const regions = [...audit.regions].sort((left, right) => left.region.code.localeCompare(right.region.code));
  for (const regionAudit of regions) {
    const code = regionAudit.region.code;
    if (regionAudit.status.kind === 'not-enabled') notEnabledRegionCount += 1;
    if (isRegionUnknown(regionAudit.status)) {
      unknownRegions.push({ region: code, regionName: getRegionName(code), reason: describeStatus(regionAudit.status) });
      continue;
    }
    if (regionAudit.status.kind !== 'ok' || !regionAudit.findings) continue;
    scannedRegionCount += 1;
    const tasks: BlockingTask[] = [];
    for (const window of regionAudit.findings.windows) {
      for (const task of window.tasks) {
        if (!task.reliesOnRole) continue;
        tasks.push({
          arn: task.arn,
          region: code,
          windowId: window.windowId,
          windowName: window.name,
          windowTaskId: task.windowTaskId,
          ...(task.name ? { name: task.name } : {}),
          type: task.type,
          taskArn: task.taskArn,
          roleUse: task.roleUse === 'service-linked-explicit' ? 'explicit' : 'implicit',
          targets: task.targets,
        });
      }
    }
    if (tasks.length > 0) blockers.push({ region: code, regionName: getRegionName(code), tasks });
    for (const association of regionAudit.findings.inventoryAssociations) inventory.push({ ...association, region: code });
    for (const sync of regionAudit.findings.dataSyncs) dataSyncs.push({ ...sync, ...describeDataSync(sync), region: code });
    const { resourceGroups, taggedResources } = regionAudit.findings;
    if (resourceGroups.length > 0 || taggedResources.count > 0) {
      groupsAndTags.push({ region: code, regionName: getRegionName(code), resourceGroups, taggedResources });
    }
  }

  return {
    auditId: audit.id,
    scannedAt: audit.finishedAt,
    roleExists: audit.roleExists,
    roleLastUsed: audit.roleLastUsedDate ? { date: audit.roleLastUsedDate, region: audit.roleLastUsedRegion ?? '' } : null,
    // Recomputed from the regions, so a stored verdict can never claim more than the regions show.
    verdict: getVerdict(audit.regions),
    blockers,
    blockerCount: blockers.reduce((total, region) => total + region.tasks.length, 0),
    inventory,
    dataSyncs,
    requiresDataAcknowledgement: inventory.length > 0 || dataSyncs.some((sync) => sync.stopsWithRole),
    groupsAndTags,
    unknownRegions,
    scannedRegionCount,
    notEnabledRegionCount,
  };
}

/** Region code of an ARN such as arn:aws:ssm:eu-west-1:123456789012:windowtask/…, or null. */
export function getArnRegion(arn: string): string | null {
  const region = arn.split(':')[3];
  return region ? region : null;
}
