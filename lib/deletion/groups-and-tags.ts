import 'server-only';
import { getAwsClients, type AwsClients } from '@/lib/aws/clients';
import { toAwsError } from '@/lib/aws/errors';
import { listTagKeys } from '@/lib/aws/tagging';

// The tag keys the data-impact step offers to remove, read per region when the step opens. A region that cannot
// be read says so on its own; the others are listed all the same.

export type RegionTagKeys = { keys: string[] } | { error: string };

/** Tag keys starting with aws: belong to AWS: they cannot be removed, so they are not offered. */
export function isRemovableTagKey(key: string): boolean {
  return !key.toLowerCase().startsWith('aws:');
}

/** The removable tag keys of each region, read with `clients` (the account the wizard acts in; default the caller's). */
export async function listTagKeysByRegion(regions: readonly string[], clients: AwsClients = getAwsClients()): Promise<Record<string, RegionTagKeys>> {
  const entries = await Promise.all(
    regions.map(async (region): Promise<[string, RegionTagKeys]> => {
      try {
        return [region, { keys: (await listTagKeys(clients.tagging(region))).filter(isRemovableTagKey) }];
      } catch (error) {
        const failure = toAwsError(error);
        return [region, { error: `The tag keys could not be read (tag:GetTagKeys: ${failure.code}).` }];
      }
    }),
  );
  return Object.fromEntries(entries);
}
