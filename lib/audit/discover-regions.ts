import 'server-only';
import type { RegionDescriptor } from '@/lib/audit/types';
import type { AwsClients } from '@/lib/aws/clients';
import { listAccountRegions } from '@/lib/aws/ec2';
import { AwsError, toAwsError } from '@/lib/aws/errors';
import type { CallRunner } from '@/lib/aws/paging';
import { listSsmRegionCodes } from '@/lib/aws/ssm';
import type { AccountRegionRecord } from '@/lib/aws/types';
import { getRegionName } from '@/lib/regions';

// Which regions to audit: where Systems Manager exists (AWS's public parameters), in the caller's partition,
// joined with EC2's list for whether each region is enabled in the account.

/** Whether a region code belongs to a partition. The public parameters list every partition's regions. */
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

export function toRegionDescriptor(code: string, accountRegion: AccountRegionRecord | undefined): RegionDescriptor {
  // A region EC2 does not list at all is not available to the account.
  const optInStatus = accountRegion?.optInStatus ?? 'not-opted-in';
  return { code, name: getRegionName(code), optInStatus, isEnabled: optInStatus !== 'not-opted-in' };
}

/** Joins the two lists. With no SSM list (the parameters call failed), EC2's list stands in for it. */
export function joinRegionLists(
  ssmRegionCodes: string[] | null,
  accountRegions: AccountRegionRecord[],
  partition: string,
): RegionDescriptor[] {
  const byCode = new Map(accountRegions.map((region) => [region.code, region]));
  const codes = ssmRegionCodes ?? accountRegions.map((region) => region.code);
  return [...new Set(codes)]
    .filter((code) => isRegionInPartition(code, partition))
    .sort()
    .map((code) => toRegionDescriptor(code, byCode.get(code)));
}

export interface RegionDiscovery {
  regions: RegionDescriptor[];
  warnings: string[];
}

/**
 * Lists the regions to audit. `onRegions` receives regions as soon as both lists place them (EC2's answer, and
 * the page of SSM parameters naming them), with how many dependent calls that took, so scanning can start early.
 */
export async function discoverRegions(options: {
  clients: AwsClients;
  homeRegion: string;
  partition: string;
  run?: CallRunner;
  onRegions?: (regions: RegionDescriptor[], callDepth: number) => void;
}): Promise<RegionDiscovery> {
  const { clients, homeRegion, partition, run, onRegions } = options;
  const announced = new Set<string>();
  let accountRegions: AccountRegionRecord[] | null = null;
  const pendingPages: Array<{ codes: string[]; pageNumber: number }> = [];
  let pagesRead = 0;

  function announce(codes: string[], callDepth: number): void {
    if (!accountRegions || !onRegions) return;
    const fresh = joinRegionLists(codes, accountRegions, partition).filter((region) => !announced.has(region.code));
    for (const region of fresh) announced.add(region.code);
    if (fresh.length > 0) onRegions(fresh, callDepth);
  }

  const ec2Read = listAccountRegions(clients.ec2(homeRegion), { run }).then((regions) => {
    accountRegions = regions;
    // Pages that arrived before EC2's answer wait for it; EC2 is one call, so the depth is at least 1.
    for (const page of pendingPages.splice(0)) announce(page.codes, Math.max(page.pageNumber, 1));
    return regions;
  });
  const ssmRead = listSsmRegionCodes(clients.ssm(homeRegion), {
    run,
    onPage: (codes, pageNumber) => {
      pagesRead = pageNumber;
      if (accountRegions) announce(codes, pageNumber);
      else pendingPages.push({ codes, pageNumber });
    },
  });
  const [ssmResult, ec2Result] = await Promise.allSettled([ssmRead, ec2Read]);
  if (ec2Result.status === 'rejected') {
    const error = toAwsError(ec2Result.reason);
    // Without EC2's list nothing tells an enabled region from a disabled one: the audit cannot be trusted.
    throw new AwsError(
      { ...error.toInfo(), message: `Could not list the account's regions (ec2:DescribeRegions in ${homeRegion}): ${error.message}` },
      { cause: error },
    );
  }
  const warnings: string[] = [];
  let ssmRegionCodes: string[] | null = null;
  let depth = 1;
  if (ssmResult.status === 'fulfilled' && ssmResult.value.length > 0) {
    ssmRegionCodes = ssmResult.value;
  } else {
    const reason = ssmResult.status === 'rejected' ? `${toAwsError(ssmResult.reason).code}: ${toAwsError(ssmResult.reason).message}` : 'it listed no region';
    warnings.push(
      `The list of regions where Systems Manager exists could not be read (ssm:GetParametersByPath in ${homeRegion}: ${reason}); every region EC2 lists was audited instead.`,
    );
    // The fallback's regions wait for the failed listing: its pages read, plus the call that failed.
    depth = pagesRead + 1;
  }
  const regions = joinRegionLists(ssmRegionCodes, ec2Result.value, partition);
  // Whatever was not announced yet (the EC2 fallback) is announced now.
  announce(regions.map((region) => region.code), depth);
  return { regions, warnings };
}
