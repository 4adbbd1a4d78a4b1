import {
  BadRequestException,
  CreateGroupCommand,
  DeleteGroupCommand,
  ListGroupResourcesCommand,
  NotFoundException,
  paginateListGroupResources,
  paginateListGroups,
  ResourceGroupsClient,
} from '@aws-sdk/client-resource-groups';
import {
  GetResourcesCommand,
  GetTagKeysCommand,
  InvalidParameterException,
  paginateGetResources,
  ResourceGroupsTaggingAPIClient,
  TagResourcesCommand,
  UntagResourcesCommand,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { afterEach, describe, expect, it } from 'vitest';
import { captureError, createClientConfig, startTestSandbox, type TestSandbox } from '../test-support';

// Resource Groups (REST JSON) and the tagging API (JSON 1.1) through the real SDK clients against a running sandbox.

const ACCOUNT = '123456789012';

let harness: TestSandbox | undefined;
const clients: Array<{ destroy(): void }> = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await harness?.stop();
  harness = undefined;
});

async function start(scenario: string) {
  harness = await startTestSandbox({ scenario });
  const url = harness.sandbox.url;
  return {
    groups: (region = 'us-east-1') => {
      const client = new ResourceGroupsClient(createClientConfig(url, region));
      clients.push(client);
      return client;
    },
    tagging: (region = 'us-east-1') => {
      const client = new ResourceGroupsTaggingAPIClient(createClientConfig(url, region));
      clients.push(client);
      return client;
    },
  };
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

const tagQuery = (key: string, values: string[]) => ({
  Type: 'TAG_FILTERS_1_0' as const,
  Query: JSON.stringify({ ResourceTypeFilters: ['AWS::AllSupported'], TagFilters: [{ Key: key, Values: values }] }),
});

describe('Resource Groups through the SDK', () => {
  it('pages groups (MaxResults travels in the query string) and lists a group’s members', async () => {
    const { groups } = await start('demo');
    const client = groups('us-east-1');
    for (const name of ['alpha', 'bravo', 'charlie']) {
      await client.send(new CreateGroupCommand({ Name: name, ResourceQuery: tagQuery('Environment', ['Staging']) }));
    }
    const pages = await collect(paginateListGroups({ client, pageSize: 2 }, {}));
    expect(pages.map((page) => page.GroupIdentifiers?.length)).toEqual([2, 2]);
    const names = pages.flatMap((page) => page.GroupIdentifiers ?? []).map((identifier) => identifier.GroupName);
    expect(names).toEqual(['alpha', 'bravo', 'charlie', 'production-fleet']);
    expect(pages[0]?.Groups?.[0]).toEqual({ GroupArn: `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/alpha`, Name: 'alpha' });

    const memberPages = await collect(paginateListGroupResources({ client, pageSize: 3 }, { Group: 'production-fleet' }));
    const members = memberPages.flatMap((page) => page.ResourceIdentifiers ?? []);
    expect(memberPages.length).toBe(2);
    expect(members).toHaveLength(4);
    expect(members.every((member) => member.ResourceType === 'AWS::EC2::Instance')).toBe(true);
    const staging = await client.send(new ListGroupResourcesCommand({ Group: 'alpha' }));
    expect(staging.Resources?.map((resource) => resource.Identifier?.ResourceArn)).toHaveLength(2);
  });

  it('deletes a group and answers NotFoundException and BadRequestException as modelled errors', async () => {
    const { groups } = await start('demo');
    const client = groups('eu-west-1');
    const { Group } = await client.send(new DeleteGroupCommand({ Group: 'web-servers' }));
    expect(Group?.Name).toBe('web-servers');
    const missing = await captureError(client.send(new DeleteGroupCommand({ Group: 'web-servers' })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    const reserved = await captureError(client.send(new CreateGroupCommand({ Name: 'aws-group', ResourceQuery: tagQuery('Role', ['web']) })));
    expect(reserved).toBeInstanceOf(BadRequestException);
  });
});

describe('Resource Groups Tagging API through the SDK', () => {
  it('pages tagged resources with the paginator and filters by tag', async () => {
    const { tagging } = await start('demo');
    const client = tagging('us-east-1');
    const pages = await collect(paginateGetResources({ client, pageSize: 2 }, {}));
    const all = pages.flatMap((page) => page.ResourceTagMappingList ?? []);
    expect(pages.length).toBe(Math.ceil(all.length / 2));
    expect(new Set(all.map((mapping) => mapping.ResourceARN)).size).toBe(all.length);
    const production = await client.send(new GetResourcesCommand({ TagFilters: [{ Key: 'Environment', Values: ['Production'] }] }));
    expect(production.ResourceTagMappingList).toHaveLength(4);
    expect(production.PaginationToken).toBe('');
    const tooMany = await captureError(client.send(new GetResourcesCommand({ ResourcesPerPage: 101 })));
    expect(tooMany).toBeInstanceOf(InvalidParameterException);
  });

  it('tags and untags with per-resource failures in FailedResourcesMap', async () => {
    const { tagging } = await start('clean');
    const client = tagging('us-east-1');
    const arn = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
    const elsewhere = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef1`;
    const tagged = await client.send(new TagResourcesCommand({ ResourceARNList: [arn, elsewhere], Tags: { Team: 'payments' } }));
    expect(Object.keys(tagged.FailedResourcesMap ?? {})).toEqual([elsewhere]);
    expect(tagged.FailedResourcesMap?.[elsewhere]).toMatchObject({ StatusCode: 400, ErrorCode: 'InvalidParameterException' });
    const found = await client.send(new GetResourcesCommand({ TagFilters: [{ Key: 'Team' }] }));
    expect(found.ResourceTagMappingList).toEqual([{ ResourceARN: arn, Tags: [{ Key: 'Team', Value: 'payments' }] }]);
    const untagged = await client.send(new UntagResourcesCommand({ ResourceARNList: [arn], TagKeys: ['Team'] }));
    expect(untagged.FailedResourcesMap).toEqual({});
    expect((await client.send(new GetResourcesCommand({ TagFilters: [{ Key: 'Team' }] }))).ResourceTagMappingList).toEqual([]);
  });

  it('lists the tag keys in use, and drops a key once no resource carries it', async () => {
    const { tagging } = await start('clean');
    const client = tagging('us-east-1');
    const first = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
    const second = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef2`;
    const before = (await client.send(new GetTagKeysCommand({}))).TagKeys ?? [];
    await client.send(new TagResourcesCommand({ ResourceARNList: [first], Tags: { Team: 'payments', Zeta: '1' } }));
    await client.send(new TagResourcesCommand({ ResourceARNList: [second], Tags: { Team: 'search' } }));
    const keys = await client.send(new GetTagKeysCommand({}));
    expect(keys.TagKeys).toEqual([...new Set([...before, 'Team', 'Zeta'])].sort());
    expect(keys.PaginationToken).toBe('');
    await client.send(new UntagResourcesCommand({ ResourceARNList: [first], TagKeys: ['Zeta'] }));
    expect((await client.send(new GetTagKeysCommand({}))).TagKeys).toEqual([...new Set([...before, 'Team'])].sort());
  });
});
