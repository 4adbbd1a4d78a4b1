import { z } from 'zod';
import { fingerprintRequest, takePage, takeSortedPage } from '../ids';
import { SandboxError, type HandlerContext, type RegionState, type SandboxStoreApi, type ServiceDefinition } from '../types';
import { optionalToken, parseInput } from './aws-input';
import { getMaintenanceWindowArn, getRegionState } from './ssm';

// The Resource Groups Tagging API (JSON 1.1, target prefix ResourceGroupsTaggingAPI_20170126): find resources by
// tag, and tag or untag resources one ARN at a time with per-resource failures. Resource groups keep their own
// tags; every other resource's tags live in the region's tagged-resource map.

const INVALID_PARAMETER = 'InvalidParameterException';
const MAX_TAGS_PER_RESOURCE = 50;

const ARN_PATTERN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/;

/**
 * Whether a resource's tags satisfy every filter: the key is present and, when the filter lists values, its value
 * is one of them (the rule of GetResources and of tag-query resource groups).
 */
export function matchesTagFilters(
  tags: Record<string, string>,
  filters: ReadonlyArray<{ Key: string; Values?: readonly string[] | null }>,
): boolean {
  return filters.every((filter) => {
    const value = tags[filter.Key];
    const values = filter.Values ?? [];
    return value !== undefined && (values.length === 0 || values.includes(value));
  });
}

function tagMapOf(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags)
    .sort(([left], [right]) => (left < right ? -1 : 1))
    .map(([Key, Value]) => ({ Key, Value }));
}

/** Every tagged resource of the region, resource groups included, by ARN. */
function hasTags(tags: Record<string, string>): boolean {
  for (const key in tags) if (Object.hasOwn(tags, key)) return true;
  return false;
}

/** The region's tagged resources and tagged resource groups (a group's tags win for its ARN), walked lazily. */
function* taggedResourcesOf(region: RegionState): Generator<[string, Record<string, string>]> {
  const groupTags = new Map<string, Record<string, string>>();
  for (const group of Object.values(region.resourceGroups)) if (hasTags(group.tags)) groupTags.set(group.GroupArn, group.tags);
  for (const arn in region.taggedResources) {
    const tags = region.taggedResources[arn];
    if (tags && hasTags(tags) && !groupTags.has(arn)) yield [arn, tags];
  }
  yield* groupTags;
}

type TaggedEntry = [arn: string, tags: Record<string, string>];

/** Each region's tagged resources sorted by ARN, kept until the store's next mutation. */
const sortedIndexes = new WeakMap<RegionState, { version: number; entries: TaggedEntry[] }>();

/**
 * The region's tagged resources (taggedResourcesOf) sorted by ARN, the order of GetResources' pages. Built once per
 * state of the store: a region can hold tens of thousands of them, and a listing asks for them a page at a time.
 */
function sortedTaggedResourcesOf(store: SandboxStoreApi, region: RegionState): readonly TaggedEntry[] {
  const cached = sortedIndexes.get(region);
  if (cached && cached.version === store.version) return cached.entries;
  const entries = [...taggedResourcesOf(region)].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  sortedIndexes.set(region, { version: store.version, entries });
  return entries;
}

/** `service` and `service:resourceType` of an ARN, the two forms ResourceTypeFilters uses. */
function resourceTypeKeys(arn: string): [string, string] {
  const [, , service = '', , , resource = ''] = arn.split(':');
  return [service, `${service}:${resource.split(/[/:]/)[0] ?? ''}`];
}

// ---------- GetResources ----------

const getResourcesSchema = z.object({
  PaginationToken: z.string().max(2048).nullish(),
  TagFilters: z
    .array(z.object({ Key: z.string().min(1).max(128), Values: z.array(z.string().max(256)).max(20).nullish() }))
    .max(50)
    .nullish(),
  ResourcesPerPage: z.number().int().min(1).max(100).nullish(),
  TagsPerPage: z.number().int().min(100).max(500).nullish(),
  ResourceTypeFilters: z.array(z.string().min(1).max(256)).max(100).nullish(),
  IncludeComplianceDetails: z.boolean().nullish(),
  ExcludeCompliantResources: z.boolean().nullish(),
  ResourceARNList: z.array(z.string().min(1).max(1011)).min(1).max(100).nullish(),
});

function getResources(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(getResourcesSchema, rawInput, INVALID_PARAMETER);
  const token = optionalToken(input.PaginationToken);
  if (input.ResourceARNList && (input.ResourcesPerPage != null || input.TagsPerPage != null || token !== undefined)) {
    throw new SandboxError(
      INVALID_PARAMETER,
      'ResourceARNList cannot be combined with ResourcesPerPage, TagsPerPage or PaginationToken.',
    );
  }
  const tagFilters = input.TagFilters ?? [];
  const typeFilters = input.ResourceTypeFilters ?? [];
  const arnList = input.ResourceARNList ? new Set(input.ResourceARNList) : null;
  const fingerprint = fingerprintRequest(['GetResources', ctx.region, tagFilters, typeFilters, input.ResourceARNList ?? null]);
  return ctx.store.read((state) => {
    const isMatching = ([arn, tags]: TaggedEntry): boolean => {
      if (arnList && !arnList.has(arn)) return false;
      if (typeFilters.length > 0) {
        const [service, serviceAndType] = resourceTypeKeys(arn);
        if (!typeFilters.some((filter) => filter === service || filter === serviceAndType)) return false;
      }
      return matchesTagFilters(tags, tagFilters);
    };
    const sorted = sortedTaggedResourcesOf(ctx.store, getRegionState(state, ctx));
    const page = takeSortedPage(sorted, ([arn]) => arn, isMatching, input.ResourcesPerPage ?? 50, token, fingerprint);
    if (!page) throw new SandboxError(INVALID_PARAMETER, 'The PaginationToken is not valid.');
    return {
      ResourceTagMappingList: page.items.map(([arn, tags]) => ({ ResourceARN: arn, Tags: tagMapOf(tags) })),
      // AWS ends a listing with an empty token rather than none.
      PaginationToken: page.nextToken ?? '',
    };
  });
}

// ---------- GetTagKeys ----------

const getTagKeysSchema = z.object({ PaginationToken: z.string().max(2048).nullish() });

/** Every tag key in use on the region's tagged resources, in order, 500 a page. */
function getTagKeys(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(getTagKeysSchema, rawInput, INVALID_PARAMETER);
  const token = optionalToken(input.PaginationToken);
  const fingerprint = fingerprintRequest(['GetTagKeys', ctx.region]);
  return ctx.store.read((state) => {
    const found = new Set<string>();
    for (const [, tags] of sortedTaggedResourcesOf(ctx.store, getRegionState(state, ctx))) for (const key of Object.keys(tags)) found.add(key);
    const keys = [...found].sort();
    const page = takePage(keys, (key) => key, 500, token, fingerprint);
    if (!page) throw new SandboxError(INVALID_PARAMETER, 'The PaginationToken is not valid.');
    return { TagKeys: page.items, PaginationToken: page.nextToken ?? '' };
  });
}

// ---------- TagResources / UntagResources ----------

const arnListSchema = z.array(z.string().min(1).max(1011)).min(1).max(20);

const tagResourcesSchema = z.object({
  ResourceARNList: arnListSchema,
  Tags: z
    .record(z.string().min(1).max(128), z.string().max(256))
    .refine((tags) => Object.keys(tags).length >= 1 && Object.keys(tags).length <= 50, {
      message: 'Tags must hold between 1 and 50 tags.',
    }),
});

const untagResourcesSchema = z.object({
  ResourceARNList: arnListSchema,
  TagKeys: z.array(z.string().min(1).max(128)).min(1).max(50),
});

interface FailureInfo {
  StatusCode: number;
  ErrorCode: string;
  ErrorMessage: string;
}

function failure(message: string): FailureInfo {
  return { StatusCode: 400, ErrorCode: INVALID_PARAMETER, ErrorMessage: message };
}

/** Why `arn` cannot be tagged in this region, or null when it can. */
function checkTaggable(ctx: HandlerContext, region: RegionState, arn: string): FailureInfo | null {
  if (!ARN_PATTERN.test(arn)) return failure(`${arn} is not a valid ARN.`);
  const arnRegion = arn.split(':')[3];
  if (arnRegion !== ctx.region) return failure(`${arn} is not in ${ctx.region}; call the endpoint of its own region.`);
  // Resources the sandbox models must exist to be tagged.
  const windowId = /:maintenancewindow\/(mw-[0-9a-f]{17})$/.exec(arn)?.[1];
  if (windowId !== undefined && (!region.windows[windowId] || getMaintenanceWindowArn(ctx, windowId) !== arn)) {
    return failure(`The maintenance window ${windowId} does not exist.`);
  }
  if (arn.includes(':resource-groups:') && !Object.values(region.resourceGroups).some((group) => group.GroupArn === arn)) {
    return failure(`The resource group ${arn} does not exist.`);
  }
  return null;
}

/** The live tag map of `arn`: a resource group's own tags, or the region's tagged-resource entry (created on demand). */
function tagsOf(region: RegionState, arn: string): Record<string, string> {
  const group = Object.values(region.resourceGroups).find((candidate) => candidate.GroupArn === arn);
  if (group) return group.tags;
  region.taggedResources[arn] ??= {};
  return region.taggedResources[arn];
}

async function tagResources(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(tagResourcesSchema, rawInput, INVALID_PARAMETER);
  if (Object.keys(input.Tags).some((key) => key.toLowerCase().startsWith('aws:'))) {
    throw new SandboxError(INVALID_PARAMETER, 'Tag keys beginning with aws: are reserved for AWS use.');
  }
  const failed = await ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    const failures: Record<string, FailureInfo> = {};
    for (const arn of input.ResourceARNList) {
      const problem = checkTaggable(ctx, region, arn);
      if (problem) {
        failures[arn] = problem;
        continue;
      }
      const tags = tagsOf(region, arn);
      const merged = { ...tags, ...input.Tags };
      if (Object.keys(merged).length > MAX_TAGS_PER_RESOURCE) {
        failures[arn] = failure(`${arn} would have more than ${MAX_TAGS_PER_RESOURCE} tags.`);
        if (Object.keys(tags).length === 0) delete region.taggedResources[arn];
        continue;
      }
      Object.assign(tags, input.Tags);
    }
    return failures;
  });
  return { FailedResourcesMap: failed };
}

async function untagResources(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(untagResourcesSchema, rawInput, INVALID_PARAMETER);
  const failed = await ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    const failures: Record<string, FailureInfo> = {};
    for (const arn of input.ResourceARNList) {
      const problem = checkTaggable(ctx, region, arn);
      if (problem) {
        failures[arn] = problem;
        continue;
      }
      const tags = tagsOf(region, arn);
      for (const key of input.TagKeys) delete tags[key];
      // A resource left without tags no longer appears in GetResources.
      if (region.taggedResources[arn] && Object.keys(tags).length === 0) delete region.taggedResources[arn];
    }
    return failures;
  });
  return { FailedResourcesMap: failed };
}

export const taggingService: ServiceDefinition = {
  service: 'tagging',
  operations: {
    GetResources: getResources,
    GetTagKeys: getTagKeys,
    TagResources: tagResources,
    UntagResources: untagResources,
  },
};
