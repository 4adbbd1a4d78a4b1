import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMERCIAL_REGIONS } from '../../lib/regions';
import { captureError, createTestState, startTestSandbox, type TestSandbox } from '../test-support';

let harness: TestSandbox | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('EC2 DescribeRegions', () => {
  it('lists all 34 regions with their opt-in status when AllRegions is set, and only enabled ones otherwise', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const ec2 = harness.ec2('us-east-1');
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions).toHaveLength(COMMERCIAL_REGIONS.length);
    expect(all.Regions?.find((region) => region.RegionName === 'us-east-1')).toEqual({
      RegionName: 'us-east-1',
      Endpoint: 'ec2.us-east-1.amazonaws.com',
      OptInStatus: 'opt-in-not-required',
    });
    expect(all.Regions?.find((region) => region.RegionName === 'ap-east-1')?.OptInStatus).toBe('not-opted-in');
    expect(all.Regions?.find((region) => region.RegionName === 'eu-south-1')?.OptInStatus).toBe('opted-in');
    const enabled = await ec2.send(new DescribeRegionsCommand({}));
    expect(enabled.Regions).toHaveLength(18);
    expect(enabled.Regions?.some((region) => region.OptInStatus === 'not-opted-in')).toBe(false);
  });

  it('filters by opt-in-status and by region names, and rejects unknown filters and names', async () => {
    harness = await startTestSandbox({ state: createTestState() });
    const ec2 = harness.ec2('eu-west-1');
    const disabled = await ec2.send(new DescribeRegionsCommand({ AllRegions: true, Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }] }));
    expect(disabled.Regions).toHaveLength(16);
    const optedIn = await ec2.send(new DescribeRegionsCommand({ AllRegions: true, Filters: [{ Name: 'opt-in-status', Values: ['opted-in', 'not-opted-in'] }] }));
    expect(optedIn.Regions).toHaveLength(17);
    const named = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1', 'us-west-2'] }));
    expect(named.Regions?.map((region) => region.RegionName)).toEqual(['eu-west-1', 'us-west-2']);
    const badFilter = await captureError(ec2.send(new DescribeRegionsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    expect(badFilter.name).toBe('InvalidParameterValue');
    const badName = await captureError(ec2.send(new DescribeRegionsCommand({ RegionNames: ['mars-north-1'] })));
    expect(badName.name).toBe('InvalidParameterValue');
    expect(badName.$metadata?.httpStatusCode).toBe(400);
  });
});
