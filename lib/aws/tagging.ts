import 'server-only';
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { callAws } from '@/lib/aws/errors';
import { readPages, runDirectly, type ReadOptions } from '@/lib/aws/paging';
import type { TaggedResourcesSummary } from '@/lib/aws/types';

// Tagging API reads: how many tagged resources a region holds (the tag data Inventory gathers through the role).

export const TAGGED_RESOURCES_SAMPLE_SIZE = 5;

/** Counts every tagged resource of the region (all pages) and keeps the first few ARNs as a sample. */
export async function getTaggedResourcesSummary(
  client: ResourceGroupsTaggingAPIClient,
  options: ReadOptions = {},
): Promise<TaggedResourcesSummary> {
  let count = 0;
  const sample: string[] = [];
  // Counted page by page rather than collected, so a region with many resources costs no memory.
  await readPages(
    options.run ?? runDirectly,
    { operation: 'GetResources' },
    (token, abortSignal) =>
      callAws(() => client.send(new GetResourcesCommand({ ResourcesPerPage: 100, PaginationToken: token }), { abortSignal })),
    (page) => ({ items: page.ResourceTagMappingList, nextToken: page.PaginationToken }),
    (mappings) => {
      for (const mapping of mappings) {
        count += 1;
        if (mapping.ResourceARN && sample.length < TAGGED_RESOURCES_SAMPLE_SIZE) sample.push(mapping.ResourceARN);
      }
    },
  );
  return { count, sample };
}
