import 'server-only';
import { GetResourcesCommand, GetTagKeysCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { callAws } from '@/lib/aws/errors';
import { collectPages, readPages, runDirectly, type ReadOptions } from '@/lib/aws/paging';
import type { TaggedResourcesSummary } from '@/lib/aws/types';

// Tagging API reads: how many tagged resources a region holds (the tag data Inventory gathers through the role),
// its tag keys, and which resources carry a given key.

export const TAGGED_RESOURCES_SAMPLE_SIZE = 5;

/**
 * 100 resources a page, one page after another: 20 pages count up to 2,000 tagged resources in a few seconds.
 * Beyond that the count is reported as "at least 2,000": it measures data impact, it never decides the verdict.
 */
export const TAGGED_RESOURCES_MAX_PAGES = 20;

/**
 * Counts the tagged resources of the region, at most `maxPages` pages of 100, and keeps the first few ARNs as a
 * sample. When the bound stops the count, `isComplete` is false and the count is a lower bound ("at least N").
 */
export async function getTaggedResourcesSummary(
  client: ResourceGroupsTaggingAPIClient,
  options: ReadOptions & { maxPages?: number } = {},
): Promise<TaggedResourcesSummary> {
  let count = 0;
  const sample: string[] = [];
  // Counted page by page rather than collected, so a region with many resources costs no memory.
  const { isComplete } = await readPages(
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
    options.maxPages ?? TAGGED_RESOURCES_MAX_PAGES,
  );
  return { count, sample, isComplete };
}

/** Every tag key in use in the region (GetTagKeys, all pages). */
export async function listTagKeys(client: ResourceGroupsTaggingAPIClient, options: ReadOptions = {}): Promise<string[]> {
  const keys = await collectPages(
    options.run ?? runDirectly,
    { operation: 'GetTagKeys' },
    (token, abortSignal) => callAws(() => client.send(new GetTagKeysCommand({ PaginationToken: token }), { abortSignal })),
    (page) => ({ items: page.TagKeys, nextToken: page.PaginationToken }),
  );
  return [...new Set(keys)].sort((left, right) => left.localeCompare(right));
}

/** The ARNs of every resource of the region that carries `tagKey` (GetResources filtered on the key). */
export async function listResourcesWithTagKey(client: ResourceGroupsTaggingAPIClient, tagKey: string): Promise<string[]> {
  const mappings = await collectPages(
    runDirectly,
    { operation: 'GetResources' },
    (token, abortSignal) =>
      callAws(() => client.send(new GetResourcesCommand({ TagFilters: [{ Key: tagKey }], ResourcesPerPage: 100, PaginationToken: token }), { abortSignal })),
    (page) => ({ items: page.ResourceTagMappingList, nextToken: page.PaginationToken }),
  );
  return mappings.flatMap((mapping) => (mapping.ResourceARN ? [mapping.ResourceARN] : []));
}

