import 'server-only';
import type { RegionDescriptor } from '@/lib/audit/types';
import type { AccountRegionRecord } from '@/lib/aws/types';
import { getRegionName, isRegionInPartition } from '@/lib/regions';

// Which regions to audit: every region of the caller's partition that EC2 lists for the account, with whether it
// is enabled. Whether Systems Manager exists in each is reconciled afterwards (the scanner does it, while the
// regions are already being read).

export function toRegionDescriptor(region: AccountRegionRecord): RegionDescriptor {
  return { code: region.code, name: getRegionName(region.code), optInStatus: region.optInStatus, isEnabled: region.optInStatus !== 'not-opted-in' };
}

/** EC2's regions of the caller's partition, sorted by code. */
export function listAuditRegions(accountRegions: AccountRegionRecord[], partition: string): RegionDescriptor[] {
  const byCode = new Map(accountRegions.filter((region) => isRegionInPartition(region.code, partition)).map((region) => [region.code, region]));
  return [...byCode.values()].sort((left, right) => left.code.localeCompare(right.code)).map(toRegionDescriptor);
}
