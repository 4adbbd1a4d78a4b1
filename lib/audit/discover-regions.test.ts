import { describe, expect, it } from 'vitest';
import { isRegionInPartition, joinRegionLists } from '@/lib/audit/discover-regions';

describe('region discovery', () => {
  it('keeps only the caller partition regions from the mixed public parameter list', () => {
    const mixed = ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'eu-west-1', 'cn-northwest-1'];
    expect(mixed.filter((code) => isRegionInPartition(code, 'aws'))).toEqual(['us-east-1', 'eu-west-1']);
    expect(mixed.filter((code) => isRegionInPartition(code, 'aws-cn'))).toEqual(['cn-north-1', 'cn-northwest-1']);
    expect(mixed.filter((code) => isRegionInPartition(code, 'aws-us-gov'))).toEqual(['us-gov-west-1']);
  });

  it('joins the SSM list with EC2 opt-in status and region names', () => {
    const regions = joinRegionLists(
      ['us-east-1', 'af-south-1', 'cn-north-1', 'me-central-1', 'xx-new-1'],
      [
        { code: 'us-east-1', optInStatus: 'opt-in-not-required' },
        { code: 'af-south-1', optInStatus: 'not-opted-in' },
        { code: 'me-central-1', optInStatus: 'opted-in' },
      ],
      'aws',
    );
    expect(regions).toEqual([
      { code: 'af-south-1', name: 'Africa (Cape Town)', optInStatus: 'not-opted-in', isEnabled: false },
      { code: 'me-central-1', name: 'Middle East (UAE)', optInStatus: 'opted-in', isEnabled: true },
      { code: 'us-east-1', name: 'US East (N. Virginia)', optInStatus: 'opt-in-not-required', isEnabled: true },
      // SSM exists there but EC2 does not offer it to the account: listed, not enabled.
      { code: 'xx-new-1', name: 'xx-new-1', optInStatus: 'not-opted-in', isEnabled: false },
    ]);
  });

  it("falls back to EC2's list when the SSM list is missing", () => {
    const regions = joinRegionLists(null, [
      { code: 'us-west-2', optInStatus: 'opt-in-not-required' },
      { code: 'cn-north-1', optInStatus: 'opt-in-not-required' },
    ], 'aws');
    expect(regions.map((region) => region.code)).toEqual(['us-west-2']);
  });
});
