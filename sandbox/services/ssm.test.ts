import { describe, expect, it } from 'vitest';
import { COMMERCIAL_REGIONS } from '../../lib/regions';
import { ROLE_NAME, ROLE_PATH } from '../../lib/role/constants';
import { buildScenario } from '../scenarios';
import { ScenarioBuilder } from '../scenarios/builders';
import type { SandboxState } from '../types';
import { createTestCaller } from './handler-context.test-helpers';
import { ssmService } from './ssm';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ACCOUNT = '123456789012';
const SSM_REGIONS_PATH = '/aws/service/global-infrastructure/services/ssm/regions';
const CUSTOM_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/AtlasMaintenanceWindowRole`;

function emptyState(): SandboxState {
  const builder = new ScenarioBuilder('unit', NOW);
  builder.addServiceLinkedRole(100);
  return builder.state;
}

function caller(state: SandboxState = emptyState()) {
  return createTestCaller(ssmService, state, { nowMs: NOW });
}

type Caller = ReturnType<typeof caller>;

async function createWindow(ssm: Caller, name: string, region = 'us-east-1'): Promise<string> {
  const output = await ssm.call(
    'CreateMaintenanceWindow',
    { Name: name, Schedule: 'cron(0 3 ? * SUN *)', Duration: 3, Cutoff: 1, AllowUnassociatedTargets: false },
    region,
  );
  return output.WindowId as string;
}

async function registerTask(ssm: Caller, windowId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const output = await ssm.call('RegisterTaskWithMaintenanceWindow', {
    WindowId: windowId,
    TaskArn: 'AWS-RunPatchBaseline',
    TaskType: 'RUN_COMMAND',
    Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }],
    ...extra,
  });
  return output.WindowTaskId as string;
}

/** Every item of a paged operation, following NextToken to the end; also returns the page sizes seen. */
async function collectPages(
  ssm: Caller,
  operation: string,
  input: Record<string, unknown>,
  listKey: string,
): Promise<{ items: Array<Record<string, unknown>>; pageSizes: number[] }> {
  const items: Array<Record<string, unknown>> = [];
  const pageSizes: number[] = [];
  let token: string | undefined;
  do {
    const output = await ssm.call(operation, { ...input, ...(token ? { NextToken: token } : {}) });
    const page = output[listKey] as Array<Record<string, unknown>>;
    items.push(...page);
    pageSizes.push(page.length);
    token = output.NextToken as string | undefined;
  } while (token);
  return { items, pageSizes };
}

describe('GetParametersByPath', () => {
  it('lists every commercial region and the other partitions’ regions where SSM exists, ten at a time', async () => {
    const ssm = caller();
    const { items, pageSizes } = await collectPages(ssm, 'GetParametersByPath', { Path: SSM_REGIONS_PATH, MaxResults: 10 }, 'Parameters');
    const codes = items.map((parameter) => parameter.Value);
    expect(codes).toHaveLength(COMMERCIAL_REGIONS.length + 4);
    for (const region of COMMERCIAL_REGIONS) expect(codes).toContain(region.code);
    expect(codes).toEqual(expect.arrayContaining(['cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1']));
    expect(new Set(codes).size).toBe(codes.length);
    expect(pageSizes.slice(0, -1).every((size) => size === 10)).toBe(true);
    const first = items[0]!;
    expect(first.Name).toBe(`${SSM_REGIONS_PATH}/${first.Value as string}`);
    expect(first.Type).toBe('String');
    expect(typeof first.LastModifiedDate).toBe('number');
  });

  it('refuses more than 10 results per page, in AWS’s words', async () => {
    const error = await caller().fail('GetParametersByPath', { Path: SSM_REGIONS_PATH, MaxResults: 11 });
    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
  });

  it('refuses a forged token and a token replayed for another path', async () => {
    const ssm = caller();
    const first = await ssm.call('GetParametersByPath', { Path: SSM_REGIONS_PATH, MaxResults: 10 });
    expect(typeof first.NextToken).toBe('string');
    const forged = Buffer.from(JSON.stringify({ p: '{"a":"zzz","f":"x"}', s: 'nope' })).toString('base64url');
    expect((await ssm.fail('GetParametersByPath', { Path: SSM_REGIONS_PATH, NextToken: forged })).code).toBe('InvalidNextToken');
    expect((await ssm.fail('GetParametersByPath', { Path: SSM_REGIONS_PATH, NextToken: 'not-a-token' })).code).toBe('InvalidNextToken');
    const replayed = await ssm.fail('GetParametersByPath', {
      Path: '/aws/service/global-infrastructure/regions',
      NextToken: first.NextToken,
    });
    expect(replayed.code).toBe('InvalidNextToken');
  });

  it('requires a path starting with a slash and answers an unknown path with no parameters', async () => {
    const ssm = caller();
    expect((await ssm.fail('GetParametersByPath', { Path: 'aws/service' })).code).toBe('ValidationException');
    expect((await ssm.fail('GetParametersByPath', {})).code).toBe('ValidationException');
    const output = await ssm.call('GetParametersByPath', { Path: '/my-app/config' });
    expect(output.Parameters).toEqual([]);
    expect(output.NextToken).toBeUndefined();
  });
});

describe('maintenance windows', () => {
  it('creates a window that DescribeMaintenanceWindows then lists, and files its tags', async () => {
    const ssm = caller();
    const output = await ssm.call('CreateMaintenanceWindow', {
      Name: 'patch-linux-weekly',
      Description: 'Weekly patching',
      Schedule: 'cron(0 3 ? * SUN *)',
      ScheduleTimezone: 'Europe/Dublin',
      Duration: 4,
      Cutoff: 1,
      AllowUnassociatedTargets: false,
      Tags: [{ Key: 'Owner', Value: 'platform' }],
    });
    expect(output.WindowId).toMatch(/^mw-[0-9a-f]{17}$/);
    const listed = await ssm.call('DescribeMaintenanceWindows', {});
    expect(listed.WindowIdentities).toEqual([
      {
        WindowId: output.WindowId,
        Name: 'patch-linux-weekly',
        Description: 'Weekly patching',
        Enabled: true,
        Duration: 4,
        Cutoff: 1,
        Schedule: 'cron(0 3 ? * SUN *)',
        ScheduleTimezone: 'Europe/Dublin',
      },
    ]);
    const region = ssm.store.state.accounts[ACCOUNT]!.regions['us-east-1']!;
    expect(region.taggedResources[`arn:aws:ssm:us-east-1:${ACCOUNT}:maintenancewindow/${output.WindowId as string}`]).toEqual({
      Owner: 'platform',
    });
  });

  it('rejects bad window definitions and changes nothing', async () => {
    const ssm = caller();
    const base = { Name: 'nightly', Schedule: 'cron(0 3 * * ? *)', Duration: 3, Cutoff: 1, AllowUnassociatedTargets: false };
    const shortName = await ssm.fail('CreateMaintenanceWindow', { ...base, Name: 'ab' });
    expect(shortName.code).toBe('ValidationException');
    expect(shortName.message).toContain("at 'name'");
    expect((await ssm.fail('CreateMaintenanceWindow', { ...base, Duration: 25 })).message).toContain(
      'Member must have value less than or equal to 24',
    );
    expect((await ssm.fail('CreateMaintenanceWindow', { ...base, Cutoff: 3 })).code).toBe('ValidationException');
    expect((await ssm.fail('CreateMaintenanceWindow', { ...base, Schedule: 'every sunday' })).code).toBe('ValidationException');
    const missing = await ssm.fail('CreateMaintenanceWindow', { Name: 'nightly' });
    expect(missing.message).toMatch(/^4 validation errors detected: /);
    expect(missing.message).toContain("Value null at 'schedule' failed to satisfy constraint: Member must not be null");
    expect(ssm.store.mutationCount).toBe(0);
  });

  it('pages windows with MaxResults and NextToken, and keeps MaxResults within 10–100', async () => {
    const ssm = caller();
    const created = new Set<string>();
    for (let index = 0; index < 25; index += 1) created.add(await createWindow(ssm, `window-${String(index).padStart(2, '0')}`));
    const { items, pageSizes } = await collectPages(ssm, 'DescribeMaintenanceWindows', { MaxResults: 10 }, 'WindowIdentities');
    expect(pageSizes).toEqual([10, 10, 5]);
    expect(new Set(items.map((window) => window.WindowId))).toEqual(created);
    expect((await ssm.fail('DescribeMaintenanceWindows', { MaxResults: 9 })).code).toBe('ValidationException');
    expect((await ssm.fail('DescribeMaintenanceWindows', { MaxResults: 101 })).code).toBe('ValidationException');
  });

  it('continues after the cursor when the last window of a page is deleted between pages', async () => {
    const ssm = caller();
    for (let index = 0; index < 15; index += 1) await createWindow(ssm, `window-${String(index).padStart(2, '0')}`);
    const first = await ssm.call('DescribeMaintenanceWindows', { MaxResults: 10 });
    const firstPage = first.WindowIdentities as Array<{ WindowId: string; Name: string }>;
    await ssm.call('DeleteMaintenanceWindow', { WindowId: firstPage[9]!.WindowId });
    const second = await ssm.call('DescribeMaintenanceWindows', { MaxResults: 10, NextToken: first.NextToken });
    expect((second.WindowIdentities as Array<{ Name: string }>).map((window) => window.Name)).toEqual(
      ['10', '11', '12', '13', '14'].map((suffix) => `window-${suffix}`),
    );
  });

  it('filters by Name and Enabled and refuses other filter keys', async () => {
    const ssm = createTestCaller(ssmService, buildScenario('demo', NOW), { nowMs: NOW });
    const byName = await ssm.call(
      'DescribeMaintenanceWindows',
      { Filters: [{ Key: 'Name', Values: ['patch-linux-weekly'] }] },
      'ap-northeast-1',
    );
    expect((byName.WindowIdentities as unknown[]).length).toBe(1);
    const enabled = await ssm.call('DescribeMaintenanceWindows', { Filters: [{ Key: 'Enabled', Values: ['true'] }] }, 'ap-northeast-1');
    expect(enabled.WindowIdentities).toEqual([]);
    const disabled = await ssm.call('DescribeMaintenanceWindows', { Filters: [{ Key: 'Enabled', Values: ['False'] }] }, 'ap-northeast-1');
    expect((disabled.WindowIdentities as Array<{ Enabled: boolean }>)[0]?.Enabled).toBe(false);
    expect((await ssm.fail('DescribeMaintenanceWindows', { Filters: [{ Key: 'Owner', Values: ['x'] }] })).code).toBe(
      'ValidationException',
    );
  });

  it('deletes a window with its tasks; deleting an unknown window still answers its id', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'to-delete');
    await registerTask(ssm, windowId);
    expect(await ssm.call('DeleteMaintenanceWindow', { WindowId: windowId })).toEqual({ WindowId: windowId });
    expect((await ssm.call('DescribeMaintenanceWindows', {})).WindowIdentities).toEqual([]);
    expect((await ssm.fail('DescribeMaintenanceWindowTasks', { WindowId: windowId })).code).toBe('DoesNotExistException');
    expect(await ssm.call('DeleteMaintenanceWindow', { WindowId: 'mw-0123456789abcdef0' })).toEqual({
      WindowId: 'mw-0123456789abcdef0',
    });
    expect((await ssm.fail('DeleteMaintenanceWindow', { WindowId: 'window-1' })).code).toBe('ValidationException');
  });
});

describe('maintenance-window tasks', () => {
  it('lists ServiceRoleArn only for tasks that have one, and GetMaintenanceWindowTask adds the invocation parameters', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const invocation = {
      RunCommand: { ServiceRoleArn: `arn:aws:iam::${ACCOUNT}:role/Notifications`, Parameters: { Operation: ['Install'] } },
    };
    const relyingId = await registerTask(ssm, windowId, { Name: 'install-patches', Priority: 1 });
    const customId = await registerTask(ssm, windowId, {
      ServiceRoleArn: CUSTOM_ROLE_ARN,
      Priority: 2,
      TaskInvocationParameters: invocation,
    });
    expect(relyingId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const listed = await ssm.call('DescribeMaintenanceWindowTasks', { WindowId: windowId });
    const tasks = listed.Tasks as Array<Record<string, unknown>>;
    expect(tasks.map((task) => task.WindowTaskId)).toEqual([relyingId, customId]);
    expect(tasks[0]).not.toHaveProperty('ServiceRoleArn');
    expect(tasks[0]).toMatchObject({ WindowId: windowId, TaskArn: 'AWS-RunPatchBaseline', Type: 'RUN_COMMAND', Name: 'install-patches' });
    expect(tasks[0]).not.toHaveProperty('TaskInvocationParameters');
    expect(tasks[1]).toMatchObject({ ServiceRoleArn: CUSTOM_ROLE_ARN, Priority: 2 });
    const detail = await ssm.call('GetMaintenanceWindowTask', { WindowId: windowId, WindowTaskId: customId });
    expect(detail).toMatchObject({ TaskType: 'RUN_COMMAND', ServiceRoleArn: CUSTOM_ROLE_ARN, TaskInvocationParameters: invocation });
    expect(detail).not.toHaveProperty('Type');
  });

  it('requires targets for a Run Command task but not for a Lambda task', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const base = { WindowId: windowId, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND' };
    expect((await ssm.fail('RegisterTaskWithMaintenanceWindow', base)).code).toBe('ValidationException');
    expect((await ssm.fail('RegisterTaskWithMaintenanceWindow', { ...base, Targets: [] })).code).toBe('ValidationException');
    const lambda = await ssm.call('RegisterTaskWithMaintenanceWindow', {
      WindowId: windowId,
      TaskArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:rotate-logs`,
      TaskType: 'LAMBDA',
      ServiceRoleArn: CUSTOM_ROLE_ARN,
    });
    expect(lambda.WindowTaskId).toBeTypeOf('string');
  });

  it('answers DoesNotExistException for an unknown window or task', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const unknownTask = '01234567-89ab-4cde-8f01-23456789abcd';
    expect((await ssm.fail('DescribeMaintenanceWindowTasks', { WindowId: 'mw-00000000000000000' })).code).toBe('DoesNotExistException');
    expect((await ssm.fail('GetMaintenanceWindowTask', { WindowId: windowId, WindowTaskId: unknownTask })).code).toBe(
      'DoesNotExistException',
    );
    expect(
      (await ssm.fail('RegisterTaskWithMaintenanceWindow', { WindowId: 'mw-00000000000000000', TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }] }))
        .code,
    ).toBe('DoesNotExistException');
    expect((await ssm.fail('GetMaintenanceWindowTask', { WindowId: windowId, WindowTaskId: 'abc' })).code).toBe('ValidationException');
  });

  it('pages tasks and caps a window at 20 tasks', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'busy-window');
    const ids = new Set<string>();
    for (let index = 0; index < 20; index += 1) ids.add(await registerTask(ssm, windowId, { Priority: index % 3 }));
    const { items, pageSizes } = await collectPages(ssm, 'DescribeMaintenanceWindowTasks', { WindowId: windowId, MaxResults: 10 }, 'Tasks');
    expect(pageSizes).toEqual([10, 10]);
    expect(new Set(items.map((task) => task.WindowTaskId))).toEqual(ids);
    const priorities = items.map((task) => task.Priority as number);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    expect((await ssm.fail('RegisterTaskWithMaintenanceWindow', { WindowId: windowId, TaskArn: 'AWS-RunShellScript', TaskType: 'LAMBDA' })).code).toBe(
      'ResourceLimitExceededException',
    );
    const filtered = await ssm.call('DescribeMaintenanceWindowTasks', {
      WindowId: windowId,
      Filters: [{ Key: 'Priority', Values: ['2'] }],
      MaxResults: 50,
    });
    expect((filtered.Tasks as unknown[]).length).toBe(6);
  });

  it('recreates the missing service-linked role when a task is registered without a role', async () => {
    const ssm = caller(buildScenario('absent', NOW));
    const roles = () => ssm.store.state.accounts[ACCOUNT]!.iam.roles;
    expect(roles()[ROLE_NAME]).toBeUndefined();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    await registerTask(ssm, windowId, { ServiceRoleArn: CUSTOM_ROLE_ARN });
    expect(roles()[ROLE_NAME]).toBeUndefined();
    await registerTask(ssm, windowId);
    const role = roles()[ROLE_NAME];
    expect(role).toMatchObject({
      path: ROLE_PATH,
      arn: `arn:aws:iam::${ACCOUNT}:role${ROLE_PATH}${ROLE_NAME}`,
      isServiceLinked: true,
      createDate: new Date(NOW).toISOString(),
    });
  });

  it('does not create the role when the registration fails', async () => {
    const ssm = caller(buildScenario('absent', NOW));
    const error = await ssm.fail('RegisterTaskWithMaintenanceWindow', {
      WindowId: 'mw-00000000000000000',
      TaskArn: 'AWS-RunShellScript',
      TaskType: 'RUN_COMMAND',
      Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }],
    });
    expect(error.code).toBe('DoesNotExistException');
    expect(ssm.store.state.accounts[ACCOUNT]!.iam.roles[ROLE_NAME]).toBeUndefined();
  });

  it('UpdateMaintenanceWindowTask leaves fields that are null or absent unchanged', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const invocation = { RunCommand: { Parameters: { Operation: ['Install'] }, TimeoutSeconds: 600 } };
    const taskId = await registerTask(ssm, windowId, {
      Name: 'install-patches',
      Description: 'Install patches',
      Priority: 3,
      MaxConcurrency: '2',
      MaxErrors: '1',
      TaskInvocationParameters: invocation,
    });
    const updated = await ssm.call('UpdateMaintenanceWindowTask', {
      WindowId: windowId,
      WindowTaskId: taskId,
      ServiceRoleArn: CUSTOM_ROLE_ARN,
      Name: null,
      Priority: null,
    });
    expect(updated).toEqual({
      WindowId: windowId,
      WindowTaskId: taskId,
      TaskArn: 'AWS-RunPatchBaseline',
      Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }],
      ServiceRoleArn: CUSTOM_ROLE_ARN,
      Priority: 3,
      MaxConcurrency: '2',
      MaxErrors: '1',
      Name: 'install-patches',
      Description: 'Install patches',
      TaskInvocationParameters: invocation,
    });
    const detail = await ssm.call('GetMaintenanceWindowTask', { WindowId: windowId, WindowTaskId: taskId });
    expect(detail).toMatchObject({ ServiceRoleArn: CUSTOM_ROLE_ARN, Name: 'install-patches', TaskInvocationParameters: invocation });
  });

  it('UpdateMaintenanceWindowTask replaces TaskInvocationParameters whole when given', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const taskId = await registerTask(ssm, windowId, {
      TaskInvocationParameters: { RunCommand: { Parameters: { Operation: ['Install'] }, TimeoutSeconds: 600 } },
    });
    await ssm.call('UpdateMaintenanceWindowTask', {
      WindowId: windowId,
      WindowTaskId: taskId,
      TaskInvocationParameters: { RunCommand: { TimeoutSeconds: 900 } },
    });
    const detail = await ssm.call('GetMaintenanceWindowTask', { WindowId: windowId, WindowTaskId: taskId });
    expect(detail.TaskInvocationParameters).toEqual({ RunCommand: { TimeoutSeconds: 900 } });
  });

  it('UpdateMaintenanceWindowTask with Replace requires TaskArn and clears the optional fields not given', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const taskId = await registerTask(ssm, windowId, {
      Name: 'install-patches',
      ServiceRoleArn: CUSTOM_ROLE_ARN,
      Priority: 4,
      TaskInvocationParameters: { RunCommand: { TimeoutSeconds: 600 } },
    });
    const refused = await ssm.fail('UpdateMaintenanceWindowTask', { WindowId: windowId, WindowTaskId: taskId, Replace: true });
    expect(refused.code).toBe('ValidationException');
    // A Run Command task cannot be left without targets.
    const untargeted = await ssm.fail('UpdateMaintenanceWindowTask', {
      WindowId: windowId,
      WindowTaskId: taskId,
      Replace: true,
      TaskArn: 'AWS-RunShellScript',
    });
    expect(untargeted.message).toContain('targets');
    const targets = [{ Key: 'tag:Role', Values: ['web'] }];
    const replaced = await ssm.call('UpdateMaintenanceWindowTask', {
      WindowId: windowId,
      WindowTaskId: taskId,
      Replace: true,
      TaskArn: 'AWS-RunShellScript',
      Targets: targets,
      Description: 'Replaced',
    });
    expect(replaced).toEqual({
      WindowId: windowId,
      WindowTaskId: taskId,
      TaskArn: 'AWS-RunShellScript',
      Targets: targets,
      Priority: 1,
      Description: 'Replaced',
    });
  });

  it('UpdateMaintenanceWindowTask answers DoesNotExistException for an unknown task', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const error = await ssm.fail('UpdateMaintenanceWindowTask', {
      WindowId: windowId,
      WindowTaskId: '01234567-89ab-4cde-8f01-23456789abcd',
      ServiceRoleArn: CUSTOM_ROLE_ARN,
    });
    expect(error.code).toBe('DoesNotExistException');
  });

  it('deregisters a task once; the second time it no longer exists', async () => {
    const ssm = caller();
    const windowId = await createWindow(ssm, 'patch-linux-weekly');
    const taskId = await registerTask(ssm, windowId);
    expect(await ssm.call('DeregisterTaskFromMaintenanceWindow', { WindowId: windowId, WindowTaskId: taskId })).toEqual({
      WindowId: windowId,
      WindowTaskId: taskId,
    });
    expect((await ssm.call('DescribeMaintenanceWindowTasks', { WindowId: windowId })).Tasks).toEqual([]);
    expect((await ssm.fail('DeregisterTaskFromMaintenanceWindow', { WindowId: windowId, WindowTaskId: taskId })).code).toBe(
      'DoesNotExistException',
    );
  });
});

describe('associations', () => {
  it('filters associations by document name and resource group', async () => {
    const ssm = caller(buildScenario('demo', NOW));
    const inventory = await ssm.call('ListAssociations', {
      AssociationFilterList: [{ key: 'Name', value: 'AWS-GatherSoftwareInventory' }],
    });
    const associations = inventory.Associations as Array<Record<string, unknown>>;
    expect(associations.length).toBeGreaterThan(0);
    expect(associations.every((association) => association.Name === 'AWS-GatherSoftwareInventory')).toBe(true);
    const all = (await ssm.call('ListAssociations', {})).Associations as unknown[];
    expect(all.length).toBeGreaterThan(associations.length);
    const byGroup = await ssm.call('ListAssociations', { AssociationFilterList: [{ key: 'ResourceGroupName', value: 'web-servers' }] }, 'eu-west-1');
    expect((byGroup.Associations as Array<{ Targets: unknown }>)[0]?.Targets).toEqual([
      { Key: 'resource-groups:Name', Values: ['web-servers'] },
    ]);
    expect(typeof associations[0]?.LastExecutionDate).toBe('number');
  });

  it('creates, pages and deletes associations', async () => {
    const ssm = caller();
    const ids = new Set<string>();
    for (let index = 0; index < 3; index += 1) {
      const output = await ssm.call('CreateAssociation', {
        Name: 'AWS-GatherSoftwareInventory',
        AssociationName: `inventory-${index}`,
        Targets: [{ Key: `tag:Team${index}`, Values: ['a'] }],
        ScheduleExpression: 'rate(30 minutes)',
      });
      const description = output.AssociationDescription as Record<string, unknown>;
      expect(description).toMatchObject({ Name: 'AWS-GatherSoftwareInventory', AssociationVersion: '1', Overview: { Status: 'Pending' } });
      ids.add(description.AssociationId as string);
    }
    const { items, pageSizes } = await collectPages(ssm, 'ListAssociations', { MaxResults: 1 }, 'Associations');
    expect(pageSizes).toEqual([1, 1, 1]);
    expect(new Set(items.map((association) => association.AssociationId))).toEqual(ids);
    expect((await ssm.fail('ListAssociations', { MaxResults: 51 })).code).toBe('ValidationException');
    const [first] = [...ids];
    expect(await ssm.call('DeleteAssociation', { AssociationId: first })).toEqual({});
    expect((await ssm.fail('DeleteAssociation', { AssociationId: first })).code).toBe('AssociationDoesNotExist');
    expect(((await ssm.call('ListAssociations', {})).Associations as unknown[]).length).toBe(2);
  });

  it('refuses an association without targets and one with a bad filter key', async () => {
    const ssm = caller();
    expect((await ssm.fail('CreateAssociation', { Name: 'AWS-GatherSoftwareInventory' })).code).toBe('InvalidTarget');
    expect((await ssm.fail('ListAssociations', { AssociationFilterList: [{ key: 'Owner', value: 'x' }] })).code).toBe(
      'ValidationException',
    );
  });
});

type SyncItem = Record<string, unknown> & { SyncSource: { State: string } };

describe('resource data syncs', () => {
  it('reports the Explorer sync’s stored state while the role exists, and NoPermissions once it is gone', async () => {
    const ssm = caller(buildScenario('demo', NOW));
    const listExplorer = async () =>
      ((await ssm.call('ListResourceDataSync', { SyncType: 'SyncFromSource' })).ResourceDataSyncItems as SyncItem[])[0];
    const before = await listExplorer();
    expect(before).toMatchObject({ SyncType: 'SyncFromSource', SyncSource: { SourceType: 'SingleAccountMultiRegions', State: 'Active' } });
    expect(typeof before?.SyncCreatedTime).toBe('number');
    delete ssm.store.state.accounts[ACCOUNT]!.iam.roles[ROLE_NAME];
    expect((await listExplorer())?.SyncSource.State).toBe('NoPermissions');
  });

  it('lists S3 syncs when no type is given, and refuses an unknown type', async () => {
    const ssm = caller(buildScenario('demo', NOW));
    const items = (await ssm.call('ListResourceDataSync', {})).ResourceDataSyncItems as Array<Record<string, unknown>>;
    expect(items.map((item) => item.SyncType)).toEqual(['SyncToDestination']);
    expect((await ssm.fail('ListResourceDataSync', { SyncType: 'SyncEverywhere' })).code).toBe(
      'ResourceDataSyncInvalidConfigurationException',
    );
  });

  it('answers NoPermissions in the absent scenario and ResourceDataSyncNotFoundException for an unknown sync', async () => {
    const ssm = caller(buildScenario('absent', NOW));
    const items = (await ssm.call('ListResourceDataSync', { SyncType: 'SyncFromSource' })).ResourceDataSyncItems as SyncItem[];
    expect(items[0]?.SyncSource.State).toBe('NoPermissions');
    expect((await ssm.fail('DeleteResourceDataSync', { SyncName: 'missing-sync' })).code).toBe('ResourceDataSyncNotFoundException');
    await ssm.call('DeleteResourceDataSync', { SyncName: 'atlas-explorer-all-regions', SyncType: 'SyncFromSource' });
    expect((await ssm.call('ListResourceDataSync', { SyncType: 'SyncFromSource' })).ResourceDataSyncItems).toEqual([]);
  });
});
