import 'server-only';
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { TaggedResourcesFinding } from '@/lib/audit/types';
import { callAws } from '@/lib/aws/errors';
import { runDirectly, type ReadOptions } from '@/lib/aws/ssm';

// Tagging API reads: how many tagged resources a region holds (the tag data Inventory gathers through the role).

export const TAGGED_RESOURCES_SAMPLE_SIZE = 5;

/** Counts every tagged resource of the region (all pages) and keeps the first few ARNs as a sample. */
export async function getTaggedResourcesSummary(
  client: ResourceGroupsTaggingAPIClient,
  options: ReadOptions = {},
): Promise<TaggedResourcesFinding> {
  const run = options.run ?? runDirectly;
  let count = 0;
  const sample: string[] = [];
  let token: string | undefined;
  // Counted page by page rather than collected, so a region with many resources costs no memory.
  do {
    const current = token;
    const page = await run({ operation: 'GetResources' }, (abortSignal) =>
      callAws(() => client.send(new GetResourcesCommand({ ResourcesPerPage: 100, PaginationToken: current }), { abortSignal })),
    );
    for (const mapping of page.ResourceTagMappingList ?? []) {
      count += 1;
      if (mapping.ResourceARN && sample.length < TAGGED_RESOURCES_SAMPLE_SIZE) sample.push(mapping.ResourceARN);
    }
    token = page.PaginationToken || undefined;
  } while (token);
  return { count, sample };
}
