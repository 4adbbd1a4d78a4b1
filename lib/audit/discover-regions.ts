import 'server-only';
import type { RegionDescriptor } from '@/lib/audit/types';
import type { AccountRegionRecord } from '@/lib/aws/types';
import { getRegionName } from '@/lib/regions';

// Which regions to audit: every region of the caller's partition that EC2 lists for the account, with whether it
// is enabled. Whether Systems Manager exists in each is reconciled afterwards (the scanner does it, while the
// regions are already being read).

/** Whether a region code belongs to a partition. AWS's public parameters list every partition's regions. */
export function isRegionInPartition(code: string, partition: string): boolean {
  const isChina = code.startsWith('cn-');
  const isGovCloud = code.startsWith('us-gov-');
  const isIsolated = code.startsWith('iso') || code.startsWith('us-iso');
  switch (partition) {
    case 'aws':
      return !isChina && !isGovCloud && !isIsolated;
    case 'aws-cn':
      return isChina;
    case 'aws-us-gov':
      return isGovCloud;
    default:
      // The isolated partitions (aws-iso, aws-iso-b, …) hold only their own regions.
      return isIsolated;
  }
}

export function toRegionDescriptor(region: AccountRegionRecord): RegionDescriptor {
  return { code: region.code, name: getRegionName(region.code), optInStatus: region.optInStatus, isEnabled: region.optInStatus !== 'not-opted-in' };
}

/** EC2's regions of the caller's partition, sorted by code. */
export function listAuditRegions(accountRegions: AccountRegionRecord[], partition: string): RegionDescriptor[] {
  const byCode = new Map(accountRegions.filter((region) => isRegionInPartition(region.code, partition)).map((region) => [region.code, region]));
  return [...byCode.values()].sort((left, right) => left.code.localeCompare(right.code)).map(toRegionDescriptor);
}
