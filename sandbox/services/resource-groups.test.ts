import { describe, expect, it } from 'vitest';
import { buildScenario } from '../scenarios';
import { ScenarioBuilder } from '../scenarios/builders';
import { createTestCaller } from './handler-context.test-helpers';
import { getResourceType, resourceGroupsService, RESOURCE_GROUPS_ROUTES } from './resource-groups';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ACCOUNT = '123456789012';

function emptyCaller() {
  const builder = new ScenarioBuilder('unit', NOW);
  builder.addTaggedInstances('us-east-1', 3, { Environment: 'Production', Role: 'web' });
  builder.addTaggedInstances('us-east-1', 2, { Environment: 'Staging', Role: 'web' });
  return createTestCaller(resourceGroupsService, builder.state, { nowMs: NOW });
}

const tagQuery = (filters: Array<{ Key: string; Values: string[] }>) => ({
  Type: 'TAG_FILTERS_1_0',
  Query: JSON.stringify({ ResourceTypeFilters: ['AWS::AllSupported'], TagFilters: filters }),
});

describe('Resource Groups routes', () => {
  it('routes each operation the SDK sends to its path', () => {
    expect(RESOURCE_GROUPS_ROUTES).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/groups-list', operation: 'ListGroups' },
        { method: 'POST', path: '/list-group-resources', operation: 'ListGroupResources' },
        { method: 'POST', path: '/groups', operation: 'CreateGroup' },
        { method: 'POST', path: '/delete-group', operation: 'DeleteGroup' },
      ]),
    );
    for (const route of RESOURCE_GROUPS_ROUTES) expect(resourceGroupsService.operations[route.operation]).toBeTypeOf('function');
  });
});

describe('Resource Groups operations', () => {
  it('creates a tag-query group whose members follow the tags', async () => {
    const groups = emptyCaller();
    const created = await groups.call('CreateGroup', {
      Name: 'production-web',
      Description: 'Production web servers',
      ResourceQuery: tagQuery([{ Key: 'Environment', Values: ['Production'] }]),
      Tags: { Owner: 'platform' },
    });
    expect(created).toMatchObject({
      Group: {
        GroupArn: `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/production-web`,
        Name: 'production-web',
        Description: 'Production web servers',
      },
      Tags: { Owner: 'platform' },
    });
    const members = await groups.call('ListGroupResources', { Group: 'production-web' });
    const identifiers = members.ResourceIdentifiers as Array<{ ResourceArn: string; ResourceType: string }>;
    expect(identifiers).toHaveLength(3);
    expect(identifiers.every((identifier) => identifier.ResourceType === 'AWS::EC2::Instance')).toBe(true);
    expect(members.Resources).toEqual(identifiers.map((identifier) => ({ Identifier: identifier })));
    // Retagging an instance changes membership at the next call.
    const region = groups.store.state.accounts[ACCOUNT]!.regions['us-east-1']!;
    const stagingArn = Object.entries(region.taggedResources).find(([, tags]) => tags.Environment === 'Staging')![0];
    region.taggedResources[stagingArn]!.Environment = 'Production';
    const byArn = await groups.call('ListGroupResources', { Group: (created.Group as { GroupArn: string }).GroupArn });
    expect((byArn.ResourceIdentifiers as unknown[]).length).toBe(4);
  });

  it('lists groups as both GroupIdentifiers and Groups, paging with MaxResults given as a query string', async () => {
    const groups = emptyCaller();
    for (const name of ['alpha', 'bravo', 'charlie']) {
      await groups.call('CreateGroup', { Name: name, ResourceQuery: tagQuery([{ Key: 'Role', Values: ['web'] }]) });
    }
    const first = await groups.call('ListGroups', { maxResults: '2', MaxResults: '2' });
    expect(first.GroupIdentifiers).toEqual([
      { GroupName: 'alpha', GroupArn: `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/alpha` },
      { GroupName: 'bravo', GroupArn: `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/bravo` },
    ]);
    expect((first.Groups as Array<{ Name: string }>).map((group) => group.Name)).toEqual(['alpha', 'bravo']);
    expect(typeof first.NextToken).toBe('string');
    const second = await groups.call('ListGroups', { MaxResults: 2, NextToken: first.NextToken });
    expect((second.Groups as Array<{ Name: string }>).map((group) => group.Name)).toEqual(['charlie']);
    expect(second.NextToken).toBeUndefined();
    expect((await groups.fail('ListGroups', { MaxResults: 51 })).code).toBe('BadRequestException');
    expect((await groups.fail('ListGroups', { NextToken: 'forged' })).code).toBe('BadRequestException');
  });

  it('deletes a group by name or ARN, and answers NotFoundException (404) for an unknown one', async () => {
    const groups = createTestCaller(resourceGroupsService, buildScenario('demo', NOW), { nowMs: NOW });
    const deleted = await groups.call('DeleteGroup', { GroupName: 'web-servers' }, 'eu-west-1');
    expect(deleted.Group).toMatchObject({ Name: 'web-servers' });
    const missing = await groups.fail('DeleteGroup', { Group: 'web-servers' }, 'eu-west-1');
    expect(missing.code).toBe('NotFoundException');
    expect(missing.httpStatus).toBe(404);
    const listed = await groups.call('ListGroups', {}, 'us-east-1');
    const arn = (listed.GroupIdentifiers as Array<{ GroupArn: string }>)[0]!.GroupArn;
    await groups.call('DeleteGroup', { Group: arn }, 'us-east-1');
    expect((await groups.call('ListGroups', {}, 'us-east-1')).GroupIdentifiers).toEqual([]);
    expect((await groups.fail('ListGroupResources', {})).code).toBe('BadRequestException');
  });

  it('refuses bad groups: a reserved or duplicate name, an unparsable query, no query at all', async () => {
    const groups = emptyCaller();
    const query = tagQuery([{ Key: 'Role', Values: ['web'] }]);
    expect((await groups.fail('CreateGroup', { Name: 'AWSReserved', ResourceQuery: query })).code).toBe('BadRequestException');
    expect((await groups.fail('CreateGroup', { Name: 'bad name!', ResourceQuery: query })).code).toBe('BadRequestException');
    expect((await groups.fail('CreateGroup', { Name: 'web' })).code).toBe('BadRequestException');
    expect((await groups.fail('CreateGroup', { Name: 'web', ResourceQuery: { Type: 'TAG_FILTERS_1_0', Query: '{' } })).code).toBe(
      'BadRequestException',
    );
    await groups.call('CreateGroup', { Name: 'web', ResourceQuery: query });
    expect((await groups.fail('CreateGroup', { Name: 'web', ResourceQuery: query })).code).toBe('BadRequestException');
  });

  it('names resource types the way AWS does', () => {
    expect(getResourceType('arn:aws:ec2:us-east-1:123456789012:instance/i-0123')).toBe('AWS::EC2::Instance');
    expect(getResourceType('arn:aws:ssm:us-east-1:123456789012:maintenancewindow/mw-0123')).toBe('AWS::SSM::MaintenanceWindow');
  });
});
