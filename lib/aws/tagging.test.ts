import { describe, expect, it } from 'vitest';
import type { ResourceGroupsClient } from '@aws-sdk/client-resource-groups';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { listResourceGroups } from '@/lib/aws/resource-groups';
import { getTaggedResourcesSummary, TAGGED_RESOURCES_SAMPLE_SIZE } from '@/lib/aws/tagging';
import { createPagedClient } from '@/test-support/paged-client';

describe('tagging and resource group pagination', () => {
  it('counts tagged resources over every page and keeps a short sample', async () => {
    const arns = Array.from({ length: 250 }, (_, index) => `arn:aws:ec2:us-east-1:111122223333:instance/i-${index}`);
    const { client, inputs } = createPagedClient<ResourceGroupsTaggingAPIClient>([
      { ResourceTagMappingList: arns.slice(0, 100).map((ResourceARN) => ({ ResourceARN })), PaginationToken: 'p2' },
      { ResourceTagMappingList: arns.slice(100, 200).map((ResourceARN) => ({ ResourceARN })), PaginationToken: 'p3' },
      // The tagging API ends with an empty token rather than none.
      { ResourceTagMappingList: arns.slice(200).map((ResourceARN) => ({ ResourceARN })), PaginationToken: '' },
    ]);
    const summary = await getTaggedResourcesSummary(client);
    expect(summary.count).toBe(250);
    expect(summary.isComplete).toBe(true);
    expect(summary.sample).toEqual(arns.slice(0, TAGGED_RESOURCES_SAMPLE_SIZE));
    expect(inputs.map((input) => [input.PaginationToken, input.ResourcesPerPage])).toEqual([
      [undefined, 100],
      ['p2', 100],
      ['p3', 100],
    ]);
  });

  it('stops at its page bound and marks the count as a lower bound', async () => {
    const page = (token: string) => ({ ResourceTagMappingList: Array.from({ length: 100 }, (_, index) => ({ ResourceARN: `arn:${token}:${index}` })), PaginationToken: token });
    const { client, inputs } = createPagedClient<ResourceGroupsTaggingAPIClient>([page('p2'), page('p3'), page('p4')]);
    const summary = await getTaggedResourcesSummary(client, { maxPages: 2 });
    expect(summary).toMatchObject({ count: 200, isComplete: false });
    expect(inputs).toHaveLength(2);
  });

  it('lists resource groups across pages with the largest page size', async () => {
    const { client, inputs } = createPagedClient<ResourceGroupsClient>([
      { GroupIdentifiers: [{ GroupName: 'a', GroupArn: 'arn:a' }], NextToken: 'n' },
      { GroupIdentifiers: [{ GroupName: 'b', GroupArn: 'arn:b', Description: 'second' }] },
    ]);
    expect(await listResourceGroups(client)).toEqual([
      { name: 'a', arn: 'arn:a', description: undefined },
      { name: 'b', arn: 'arn:b', description: 'second' },
    ]);
    expect(inputs.map((input) => [input.NextToken, input.MaxResults])).toEqual([
      [undefined, 50],
      ['n', 50],
    ]);
  });
});
