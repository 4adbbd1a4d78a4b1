import { COMMERCIAL_REGIONS, GOVCLOUD_REGIONS, type KnownRegion } from '../lib/regions';
import type { Partition, SandboxState } from './types';

// The AWS partitions a sandbox account can live in: each has its own regions (lib/regions.ts says which region
// belongs where), its own ARNs (`arn:PARTITION:…`) and its own managed-policy ARNs. IAM and STS of one partition
// do not answer for another partition's regions.

export const PARTITION_REGIONS: Record<Partition, readonly KnownRegion[]> = {
  aws: COMMERCIAL_REGIONS,
  'aws-us-gov': GOVCLOUD_REGIONS,
};

/** The partition of an account of the state (accounts of older state files are commercial). */
export function getAccountPartition(state: SandboxState, accountId: string): Partition {
  return state.accounts[accountId]?.partition ?? 'aws';
}

/** An ARN of `partition`: `arn:aws:iam::aws:policy/X` → `arn:aws-us-gov:iam::aws:policy/X`. */
export function toPartitionArn(arn: string, partition: Partition): string {
  return arn.replace(/^arn:[\w-]+:/, `arn:${partition}:`);
}

/** Whether an ARN names the partition (its second field). */
export function isArnOfPartition(arn: string, partition: Partition): boolean {
  return arn.startsWith(`arn:${partition}:`);
}
