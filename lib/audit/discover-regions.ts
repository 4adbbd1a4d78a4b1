import 'server-only';
import type { RegionDescriptor } from '@/lib/audit/types';
import type { AwsClients } from '@/lib/aws/clients';
import { listAccountRegions, type AccountRegionRecord } from '@/lib/aws/ec2';
import { AwsError, toAwsError } from '@/lib/aws/errors';
import { listSsmRegionCodes, type CallRunner } from '@/lib/aws/ssm';
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

export async function discoverRegions(options: {
  clients: AwsClients;
  homeRegion: string;
  partition: string;
  run?: CallRunner;
}): Promise<RegionDiscovery> {
  const { clients, homeRegion, partition, run } = options;
  const [ssmResult, ec2Result] = await Promise.allSettled([
    listSsmRegionCodes(clients.ssm(homeRegion), { run }),
    listAccountRegions(clients.ec2(homeRegion), { run }),
  ]);
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
  if (ssmResult.status === 'fulfilled' && ssmResult.value.length > 0) {
    ssmRegionCodes = ssmResult.value;
  } else {
    const reason =
      ssmResult.status === 'rejected' ? `${toAwsError(ssmResult.reason).code}: ${toAwsError(ssmResult.reason).message}` : 'it listed no region';
    warnings.push(
      `The list of regions where Systems Manager exists could not be read (ssm:GetParametersByPath in ${homeRegion}: ${reason}); every region EC2 lists was audited instead.`,
    );
  }
  return { regions: joinRegionLists(ssmRegionCodes, ec2Result.value, partition), warnings };
}
