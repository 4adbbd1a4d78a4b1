import type { AuditVerdict, RegionAudit } from '@/lib/audit/types';
import { isRegionUnknown } from '@/lib/audit/summary';
import { plural, pluralize } from '@/lib/format/count';

// The audit's answer to "can the role be deleted?". Only a complete read with no task on the role is safe.

export function getVerdict(regions: RegionAudit[]): AuditVerdict {
  const unknownRegions = regions.filter((region) => isRegionUnknown(region.status)).map((region) => region.region.code);
  let blockingTasks = 0;
  const blockingRegions: string[] = [];
  for (const region of regions) {
    if (region.status.kind !== 'ok' || !region.findings) continue;
    const count = region.findings.windows.reduce((sum, window) => sum + window.tasks.filter((task) => task.reliesOnRole).length, 0);
    if (count > 0) {
      blockingTasks += count;
      blockingRegions.push(region.region.code);
    }
  }
  if (blockingTasks > 0) return { kind: 'blocked', blockingTasks, blockingRegions, unknownRegions };
  // No region read at all proves nothing either.
  const hasReadRegion = regions.some((region) => region.status.kind === 'ok');
  if (unknownRegions.length > 0 || !hasReadRegion) return { kind: 'unknown', unknownRegions };
  return { kind: 'safe' };
}

/** One sentence for the banner and the export. */
export function describeVerdict(verdict: AuditVerdict): string {
  switch (verdict.kind) {
    case 'safe':
      return 'Safe to delete: every enabled region was read and no maintenance-window task relies on the role.';
    case 'blocked': {
      const tasks = pluralize(verdict.blockingTasks, 'maintenance-window task');
      const regions = pluralize(verdict.blockingRegions.length, 'region');
      const unknown =
        verdict.unknownRegions.length > 0
          ? ` ${pluralize(verdict.unknownRegions.length, 'more region')} could not be read.`
          : '';
      return `Deletion blocked: ${tasks} in ${regions} ${plural(verdict.blockingTasks, 'relies', 'rely')} on the role.${unknown}`;
    }
    case 'unknown':
      return verdict.unknownRegions.length > 0
        ? `Unknown: ${pluralize(verdict.unknownRegions.length, 'region')} could not be read, so deletion cannot be called safe.`
        : 'Unknown: no region could be read, so deletion cannot be called safe.';
  }
}
