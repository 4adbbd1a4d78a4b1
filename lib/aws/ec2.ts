import 'server-only';
import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { callAws } from '@/lib/aws/errors';
import { runDirectly, type ReadOptions } from '@/lib/aws/paging';
import type { AccountRegionRecord, OptInStatus } from '@/lib/aws/types';

// EC2's view of the account's regions: every region of the partition with its opt-in status.

const OPT_IN_STATUSES = new Set<string>(['opt-in-not-required', 'opted-in', 'not-opted-in']);

export async function listAccountRegions(client: EC2Client, options: ReadOptions = {}): Promise<AccountRegionRecord[]> {
  const run = options.run ?? runDirectly;
  // DescribeRegions is not paginated: one call lists every region, enabled or not.
  const output = await run({ operation: 'DescribeRegions' }, (abortSignal) =>
    callAws(() => client.send(new DescribeRegionsCommand({ AllRegions: true }), { abortSignal })),
  );
  return (output.Regions ?? []).flatMap((region) =>
    region.RegionName
      ? [
          {
            code: region.RegionName,
            optInStatus: OPT_IN_STATUSES.has(region.OptInStatus ?? '')
              ? (region.OptInStatus as OptInStatus)
              : 'opt-in-not-required',
          },
        ]
      : [],
  );
}
