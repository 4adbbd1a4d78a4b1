import { z } from 'zod';
import { fingerprintRequest, takePage } from '../ids';
import { SandboxError, type HandlerContext, type RegionState, type ResourceGroup, type ServiceDefinition } from '../types';
import { optionalToken, parseInput } from './aws-input';
import { getRegionState } from './ssm';
import { matchesTagFilters } from './tagging';

// AWS Resource Groups (REST JSON): list, read, create and delete groups, and list a group's members. A tag-query
// group's members are evaluated against the region's tagged resources at the time of the call, as AWS does.

/** The REST routes of the operations served here; the REST JSON protocol merges path and query into the input. */
export const RESOURCE_GROUPS_ROUTES: Array<{ method: string; path: string; operation: string }> = [
  { method: 'POST', path: '/groups-list', operation: 'ListGroups' },
  { method: 'POST', path: '/list-group-resources', operation: 'ListGroupResources' },
  { method: 'POST', path: '/groups', operation: 'CreateGroup' },
  { method: 'POST', path: '/delete-group', operation: 'DeleteGroup' },
  { method: 'POST', path: '/get-group', operation: 'GetGroup' },
];

const BAD_REQUEST = 'BadRequestException';

// ---------- input shapes ----------

/** An integer that may arrive as a query-string value. */
function pageSizeSchema(min: number, max: number) {
  return z.preprocess(
    (value) => (value === null || value === '' ? undefined : typeof value === 'string' ? Number(value) : value),
    z.number().int().min(min).max(max).optional(),
  );
}

const groupNameSchema = z.string().min(1).max(300).regex(/^[a-zA-Z0-9_.-]+$/);
const groupReferenceSchema = z.string().min(1).max(1600);
const nextTokenSchema = z.string().max(8192).nullish();

// ---------- groups and their members ----------

interface TagQuery {
  ResourceTypeFilters: string[];
  TagFilters: Array<{ Key: string; Values: string[] }>;
}

function parseTagQuery(query: string): TagQuery | null {
  try {
    const value: unknown = JSON.parse(query);
    const parsed = z
      .object({
        ResourceTypeFilters: z.array(z.string()).min(1),
        TagFilters: z.array(z.object({ Key: z.string().min(1), Values: z.array(z.string()).default([]) })).min(1),
      })
      .safeParse(value);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const SERVICE_NAMES: Record<string, string> = {
  ec2: 'EC2',
  ssm: 'SSM',
  s3: 'S3',
  rds: 'RDS',
  lambda: 'Lambda',
  dynamodb: 'DynamoDB',
  'resource-groups': 'ResourceGroups',
  sns: 'SNS',
  sqs: 'SQS',
  states: 'StepFunctions',
};

const RESOURCE_NAMES: Record<string, string> = {
  maintenancewindow: 'MaintenanceWindow',
  db: 'DBInstance',
  function: 'Function',
  stateMachine: 'StateMachine',
};

/** The CloudFormation-style type AWS reports for a resource ARN, e.g. AWS::EC2::Instance. */
export function getResourceType(arn: string): string {
  const [, , service = '', , , resource = ''] = arn.split(':');
  const resourceType = resource.split(/[/:]/)[0] ?? '';
  const serviceName = SERVICE_NAMES[service] ?? service.charAt(0).toUpperCase() + service.slice(1);
  const resourceName = RESOURCE_NAMES[resourceType] ?? resourceType.charAt(0).toUpperCase() + resourceType.slice(1);
  return `AWS::${serviceName}::${resourceName}`;
}

/** The group's member ARNs: its tag query run now, or its stored members for other query types. */
function listMemberArns(region: RegionState, group: ResourceGroup): string[] {
  const query = group.ResourceQuery?.Type === 'TAG_FILTERS_1_0' ? parseTagQuery(group.ResourceQuery.Query) : null;
  if (!query) return [...group.resources].sort();
  const isAnyType = query.ResourceTypeFilters.includes('AWS::AllSupported');
  return Object.entries(region.taggedResources)
    .filter(([arn, tags]) => matchesTagFilters(tags, query.TagFilters) && (isAnyType || query.ResourceTypeFilters.includes(getResourceType(arn))))
    .map(([arn]) => arn)
    .sort();
}

function groupArn(ctx: HandlerContext, name: string): string {
  return `arn:${ctx.partition}:resource-groups:${ctx.region}:${ctx.accountId}:group/${name}`;
}

/** The group named by `Group` (a name or an ARN) or the older `GroupName`. */
function findGroup(region: RegionState, input: { Group?: string | null; GroupName?: string | null }): ResourceGroup {
  const reference = input.Group ?? input.GroupName;
  if (!reference) {
    throw new SandboxError(BAD_REQUEST, 'Either Group or GroupName must be specified.', 400);
  }
  const group = reference.startsWith('arn:')
    ? Object.values(region.resourceGroups).find((candidate) => candidate.GroupArn === reference)
    : region.resourceGroups[reference];
  if (!group) throw new SandboxError('NotFoundException', `Cannot find group '${reference}'.`, 404);
  return group;
}

function describeGroup(group: ResourceGroup) {
  return {
    GroupArn: group.GroupArn,
    Name: group.Name,
    ...(group.Description !== undefined ? { Description: group.Description } : {}),
  };
}

function invalidNextToken(): SandboxError {
  return new SandboxError(BAD_REQUEST, 'The specified nextToken is not valid.', 400);
}

// ---------- operations ----------

const listGroupsSchema = z.object({
  Filters: z
    .array(
      z.object({
        Name: z.enum(['resource-type', 'configuration-type', 'owner', 'display-name', 'criticality']),
        Values: z.array(z.string().min(1).max(128)).min(1).max(5),
      }),
    )
    .nullish(),
  MaxResults: pageSizeSchema(1, 50),
  NextToken: nextTokenSchema,
});

function matchesGroupFilter(group: ResourceGroup, filter: { Name: string; Values: string[] }): boolean {
  if (filter.Name !== 'resource-type') return false; // the sandbox's groups carry no configuration, owner or criticality
  const query = group.ResourceQuery?.Type === 'TAG_FILTERS_1_0' ? parseTagQuery(group.ResourceQuery.Query) : null;
  if (!query) return false;
  return query.ResourceTypeFilters.some((type) => type === 'AWS::AllSupported' || filter.Values.includes(type));
}

function listGroups(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(listGroupsSchema, rawInput, BAD_REQUEST);
  const filters = input.Filters ?? [];
  const fingerprint = fingerprintRequest(['ListGroups', ctx.region, filters]);
  return ctx.store.read((state) => {
    const groups = Object.values(getRegionState(state, ctx).resourceGroups)
      .filter((group) => filters.every((filter) => matchesGroupFilter(group, filter)));
    const page = takePage(groups, (group) => group.Name, input.MaxResults ?? 50, optionalToken(input.NextToken), fingerprint);
    if (!page) throw invalidNextToken();
    return {
      GroupIdentifiers: page.items.map((group) => ({
        GroupName: group.Name,
        GroupArn: group.GroupArn,
        ...(group.Description !== undefined ? { Description: group.Description } : {}),
      })),
      Groups: page.items.map(describeGroup),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}

const listGroupResourcesSchema = z.object({
  Group: groupReferenceSchema.nullish(),
  GroupName: groupNameSchema.nullish(),
  Filters: z
    .array(z.object({ Name: z.enum(['resource-type']), Values: z.array(z.string().min(1).max(128)).min(1).max(5) }))
    .nullish(),
  MaxResults: pageSizeSchema(1, 50),
  NextToken: nextTokenSchema,
});

function listGroupResources(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(listGroupResourcesSchema, rawInput, BAD_REQUEST);
  const filters = input.Filters ?? [];
  return ctx.store.read((state) => {
    const region = getRegionState(state, ctx);
    const group = findGroup(region, input);
    const fingerprint = fingerprintRequest(['ListGroupResources', ctx.region, group.GroupArn, filters]);
    const members = listMemberArns(region, group).filter((arn) =>
      filters.every((filter) => filter.Values.includes(getResourceType(arn))),
    );
    const page = takePage(members, (arn) => arn, input.MaxResults ?? 50, optionalToken(input.NextToken), fingerprint);
    if (!page) throw invalidNextToken();
    const identifiers = page.items.map((arn) => ({ ResourceArn: arn, ResourceType: getResourceType(arn) }));
    return {
      Resources: identifiers.map((identifier) => ({ Identifier: identifier })),
      ResourceIdentifiers: identifiers,
      QueryErrors: [],
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}

const tagMapSchema = z
  .record(z.string().min(1).max(128), z.string().max(256))
  .refine((tags) => Object.keys(tags).length <= 50, { message: 'A group can have at most 50 tags.' })
  .refine((tags) => Object.keys(tags).every((key) => !key.toLowerCase().startsWith('aws:')), {
    message: 'Tag keys beginning with aws: are reserved for AWS use.',
  });

const createGroupSchema = z.object({
  Name: groupNameSchema,
  Description: z.string().max(1024).regex(/^[\sa-zA-Z0-9_.-]*$/).nullish(),
  ResourceQuery: z
    .object({ Type: z.enum(['TAG_FILTERS_1_0', 'CLOUDFORMATION_STACK_1_0']), Query: z.string().max(4096) })
    .nullish(),
  Tags: tagMapSchema.nullish(),
  Configuration: z.array(z.record(z.string(), z.unknown())).max(2).nullish(),
});

async function createGroup(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(createGroupSchema, rawInput, BAD_REQUEST);
  if (/^aws/i.test(input.Name)) {
    throw new SandboxError(BAD_REQUEST, `Group name ${input.Name} is not valid: names beginning with AWS are reserved.`, 400);
  }
  if (!input.ResourceQuery && !input.Configuration) {
    throw new SandboxError(BAD_REQUEST, 'A group needs a ResourceQuery or a Configuration.', 400);
  }
  if (input.ResourceQuery?.Type === 'TAG_FILTERS_1_0' && !parseTagQuery(input.ResourceQuery.Query)) {
    throw new SandboxError(
      BAD_REQUEST,
      'Query not valid: a TAG_FILTERS_1_0 query needs ResourceTypeFilters and TagFilters lists.',
      400,
    );
  }
  return ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    if (region.resourceGroups[input.Name]) {
      throw new SandboxError(BAD_REQUEST, `Cannot create group: a group named ${input.Name} already exists.`, 400);
    }
    const group: ResourceGroup = {
      GroupArn: groupArn(ctx, input.Name),
      Name: input.Name,
      resources: [],
      tags: { ...(input.Tags ?? {}) },
    };
    if (input.Description) group.Description = input.Description;
    if (input.ResourceQuery) group.ResourceQuery = { ...input.ResourceQuery };
    group.resources = listMemberArns(region, group);
    region.resourceGroups[input.Name] = group;
    return {
      Group: describeGroup(group),
      ...(group.ResourceQuery ? { ResourceQuery: { ...group.ResourceQuery } } : {}),
      Tags: { ...group.tags },
    };
  });
}

const groupReferenceInputSchema = z.object({
  Group: groupReferenceSchema.nullish(),
  GroupName: groupNameSchema.nullish(),
});

async function deleteGroup(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(groupReferenceInputSchema, rawInput, BAD_REQUEST);
  return ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    const group = findGroup(region, input);
    delete region.resourceGroups[group.Name];
    return { Group: describeGroup(group) };
  });
}

function getGroup(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(groupReferenceInputSchema, rawInput, BAD_REQUEST);
  return ctx.store.read((state) => ({ Group: describeGroup(findGroup(getRegionState(state, ctx), input)) }));
}

export const resourceGroupsService: ServiceDefinition = {
  service: 'resource-groups',
  operations: {
    ListGroups: listGroups,
    ListGroupResources: listGroupResources,
    CreateGroup: createGroup,
    DeleteGroup: deleteGroup,
    GetGroup: getGroup,
  },
};
