import { describe, expect, it } from 'vitest';
import { buildScenario } from '../scenarios';
import { ScenarioBuilder } from '../scenarios/builders';
import { createTestCaller } from './handler-context.test-helpers';
import { taggingService } from './tagging';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ACCOUNT = '123456789012';
const instanceArn = (id: string, region = 'us-east-1') => `arn:aws:ec2:${region}:${ACCOUNT}:instance/${id}`;

type Mapping = { ResourceARN: string; Tags: Array<{ Key: string; Value: string }> };

function fleetCaller(count: number) {
  const builder = new ScenarioBuilder('unit', NOW);
  builder.addTaggedInstances('us-east-1', count, { Environment: 'Production' });
  builder.addTaggedInstances('us-east-1', 2, { Environment: 'Staging' });
  return createTestCaller(taggingService, builder.state, { nowMs: NOW });
}

describe('GetResources', () => {
  it('filters by tag key and values and pages with PaginationToken, ending with an empty token', async () => {
    const tagging = fleetCaller(7);
    const seen: string[] = [];
    let token: string | undefined;
    const pageSizes: number[] = [];
    do {
      const output = await tagging.call('GetResources', {
        TagFilters: [{ Key: 'Environment', Values: ['Production'] }],
        ResourcesPerPage: 3,
        ...(token ? { PaginationToken: token } : {}),
      });
      const page = output.ResourceTagMappingList as Mapping[];
      pageSizes.push(page.length);
      seen.push(...page.map((mapping) => mapping.ResourceARN));
      expect(page.every((mapping) => mapping.Tags.some((tag) => tag.Key === 'Environment' && tag.Value === 'Production'))).toBe(true);
      token = output.PaginationToken as string;
      expect(typeof token).toBe('string');
    } while (token !== '');
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(new Set(seen).size).toBe(7);
    const anyEnvironment = await tagging.call('GetResources', { TagFilters: [{ Key: 'Environment' }] });
    expect((anyEnvironment.ResourceTagMappingList as unknown[]).length).toBe(9);
  });

  it('filters by resource type and includes resource groups with tags', async () => {
    const tagging = createTestCaller(taggingService, buildScenario('demo', NOW), { nowMs: NOW });
    const groups = await tagging.call('GetResources', { ResourceTypeFilters: ['resource-groups:group'] });
    expect((groups.ResourceTagMappingList as Mapping[]).map((mapping) => mapping.ResourceARN)).toEqual([
      `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/production-fleet`,
    ]);
    const windows = await tagging.call('GetResources', { ResourceTypeFilters: ['ssm'] });
    expect((windows.ResourceTagMappingList as Mapping[])[0]?.ResourceARN).toMatch(/:maintenancewindow\/mw-[0-9a-f]{17}$/);
  });

  it('refuses more than 100 resources per page, forged tokens, and an ARN list with paging', async () => {
    const tagging = fleetCaller(1);
    expect((await tagging.fail('GetResources', { ResourcesPerPage: 101 })).code).toBe('InvalidParameterException');
    expect((await tagging.fail('GetResources', { PaginationToken: 'abc' })).code).toBe('InvalidParameterException');
    expect((await tagging.fail('GetResources', { ResourceARNList: [instanceArn('i-1')], ResourcesPerPage: 5 })).code).toBe(
      'InvalidParameterException',
    );
  });
});

describe('TagResources and UntagResources', () => {
  it('tags and untags resources, reporting per-resource failures without failing the rest', async () => {
    const tagging = fleetCaller(0);
    const good = instanceArn('i-0aaaaaaaaaaaaaaaa');
    const otherRegion = instanceArn('i-0bbbbbbbbbbbbbbbb', 'eu-west-1');
    const output = await tagging.call('TagResources', {
      ResourceARNList: [good, otherRegion, 'not-an-arn'],
      Tags: { Team: 'payments', Stage: 'prod' },
    });
    const failed = output.FailedResourcesMap as Record<string, { StatusCode: number; ErrorCode: string }>;
    expect(Object.keys(failed).sort()).toEqual([otherRegion, 'not-an-arn'].sort());
    expect(failed[otherRegion]).toMatchObject({ StatusCode: 400, ErrorCode: 'InvalidParameterException' });
    const found = await tagging.call('GetResources', { ResourceARNList: [good] });
    expect(found.ResourceTagMappingList).toEqual([
      { ResourceARN: good, Tags: [{ Key: 'Stage', Value: 'prod' }, { Key: 'Team', Value: 'payments' }] },
    ]);
    expect(await tagging.call('UntagResources', { ResourceARNList: [good], TagKeys: ['Stage'] })).toEqual({ FailedResourcesMap: {} });
    await tagging.call('UntagResources', { ResourceARNList: [good], TagKeys: ['Team'] });
    expect((await tagging.call('GetResources', { ResourceARNList: [good] })).ResourceTagMappingList).toEqual([]);
    expect(tagging.store.state.accounts[ACCOUNT]!.regions['us-east-1']!.taggedResources[good]).toBeUndefined();
  });

  it('tags a resource group through its own tags, and refuses unknown windows and reserved keys', async () => {
    const tagging = createTestCaller(taggingService, buildScenario('demo', NOW), { nowMs: NOW });
    const groupArn = `arn:aws:resource-groups:eu-west-1:${ACCOUNT}:group/web-servers`;
    await tagging.call('TagResources', { ResourceARNList: [groupArn], Tags: { Owner: 'web-team' } }, 'eu-west-1');
    expect(tagging.store.state.accounts[ACCOUNT]!.regions['eu-west-1']!.resourceGroups['web-servers']!.tags).toEqual({ Owner: 'web-team' });
    const windowArn = `arn:aws:ssm:eu-west-1:${ACCOUNT}:maintenancewindow/mw-00000000000000000`;
    const output = await tagging.call('TagResources', { ResourceARNList: [windowArn], Tags: { Owner: 'x' } }, 'eu-west-1');
    expect(Object.keys(output.FailedResourcesMap as object)).toEqual([windowArn]);
    expect((await tagging.fail('TagResources', { ResourceARNList: [groupArn], Tags: { 'aws:owner': 'x' } }, 'eu-west-1')).code).toBe(
      'InvalidParameterException',
    );
    expect((await tagging.fail('TagResources', { ResourceARNList: [groupArn], Tags: {} }, 'eu-west-1')).code).toBe(
      'InvalidParameterException',
    );
  });
});
