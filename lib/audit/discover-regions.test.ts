import { describe, expect, it } from 'vitest';
import { listAuditRegions } from '@/lib/audit/discover-regions';
import { isRegionInPartition } from '@/lib/regions';

describe('region discovery', () => {
  it('keeps only the caller partition regions from a mixed list', () => {
    const mixed = ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'eu-west-1', 'cn-northwest-1'];
    expect(mixed.filter((code) => isRegionInPartition(code, 'aws'))).toEqual(['us-east-1', 'eu-west-1']);
    expect(mixed.filter((code) => isRegionInPartition(code, 'aws-cn'))).toEqual(['cn-north-1', 'cn-northwest-1']);
    expect(mixed.filter((code) => isRegionInPartition(code, 'aws-us-gov'))).toEqual(['us-gov-west-1']);
  });

  it("lists EC2's regions of the partition, sorted, with opt-in status and names", () => {
    const regions = listAuditRegions(
      [
        { code: 'us-east-1', optInStatus: 'opt-in-not-required' },
        { code: 'af-south-1', optInStatus: 'not-opted-in' },
        { code: 'me-central-1', optInStatus: 'opted-in' },
        { code: 'cn-north-1', optInStatus: 'opt-in-not-required' },
      ],
      'aws',
    );
    expect(regions).toEqual([
      { code: 'af-south-1', name: 'Africa (Cape Town)', optInStatus: 'not-opted-in', isEnabled: false },
      { code: 'me-central-1', name: 'Middle East (UAE)', optInStatus: 'opted-in', isEnabled: true },
      { code: 'us-east-1', name: 'US East (N. Virginia)', optInStatus: 'opt-in-not-required', isEnabled: true },
    ]);
  });
});
