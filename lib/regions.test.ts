import { describe, expect, it } from 'vitest';
import { getPartitionOfRegion, isRegionInPartition } from './regions';

describe('getPartitionOfRegion', () => {
  it('tells the partition of a home region by its prefix', () => {
    expect(getPartitionOfRegion('eu-west-1')).toBe('aws');
    expect(getPartitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(getPartitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(getPartitionOfRegion('us-iso-east-1')).toBe('aws');
  });
});

describe('isRegionInPartition', () => {
  it('keeps each partition to its own regions', () => {
    expect(isRegionInPartition('us-east-1', 'aws')).toBe(true);
    expect(isRegionInPartition('cn-north-1', 'aws')).toBe(false);
    expect(isRegionInPartition('us-gov-east-1', 'aws')).toBe(false);
    expect(isRegionInPartition('us-iso-east-1', 'aws')).toBe(false);
    expect(isRegionInPartition('cn-northwest-1', 'aws-cn')).toBe(true);
    expect(isRegionInPartition('us-east-1', 'aws-cn')).toBe(false);
    expect(isRegionInPartition('us-gov-west-1', 'aws-us-gov')).toBe(true);
    expect(isRegionInPartition('us-west-2', 'aws-us-gov')).toBe(false);
  });

  it('gives the isolated partitions their own regions only', () => {
    expect(isRegionInPartition('us-iso-east-1', 'aws-iso')).toBe(true);
    expect(isRegionInPartition('us-isob-east-1', 'aws-iso-b')).toBe(true);
    expect(isRegionInPartition('us-east-1', 'aws-iso')).toBe(false);
    expect(isRegionInPartition('us-iso-east-1', 'aws-us-gov')).toBe(false);
  });
});
