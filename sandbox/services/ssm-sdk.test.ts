import { GetRoleCommand } from '@aws-sdk/client-iam';
import {
  AssociationDoesNotExist,
  CreateAssociationCommand,
  CreateMaintenanceWindowCommand,
  DeleteAssociationCommand,
  DeleteMaintenanceWindowCommand,
  DeregisterTaskFromMaintenanceWindowCommand,
  DescribeMaintenanceWindowsCommand,
  DescribeMaintenanceWindowTasksCommand,
  DoesNotExistException,
  GetMaintenanceWindowTaskCommand,
  GetParametersByPathCommand,
  InvalidNextToken,
  ListResourceDataSyncCommand,
  paginateDescribeMaintenanceWindows,
  paginateDescribeMaintenanceWindowTasks,
  paginateGetParametersByPath,
  paginateListAssociations,
  RegisterTaskWithMaintenanceWindowCommand,
  UpdateMaintenanceWindowTaskCommand,
  ValidationException,
  type MaintenanceWindowIdentity,
  type MaintenanceWindowTask,
  type Parameter,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMERCIAL_REGIONS } from '../../lib/regions';
import { ROLE_NAME, ROLE_PATH } from '../../lib/role/constants';
import { captureError, startTestSandbox, type TestSandbox } from '../test-support';

// Systems Manager through the real @aws-sdk/client-ssm against a running sandbox: wire shapes, paginators and
// modelled errors.

const ACCOUNT = '123456789012';
const SLR_ARN = `arn:aws:iam::${ACCOUNT}:role${ROLE_PATH}${ROLE_NAME}`;
const SSM_REGIONS_PATH = '/aws/service/global-infrastructure/services/ssm/regions';

let harness: TestSandbox | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(scenario: string): Promise<TestSandbox> {
  harness = await startTestSandbox({ scenario });
  return harness;
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

async function listWindows(ssm: SSMClient): Promise<MaintenanceWindowIdentity[]> {
  const pages = await collect(paginateDescribeMaintenanceWindows({ client: ssm, pageSize: 100 }, {}));
  return pages.flatMap((page) => page.WindowIdentities ?? []);
}

async function listTasks(ssm: SSMClient, windowId: string): Promise<MaintenanceWindowTask[]> {
  const pages = await collect(paginateDescribeMaintenanceWindowTasks({ client: ssm, pageSize: 100 }, { WindowId: windowId }));
  return pages.flatMap((page) => page.Tasks ?? []);
}

describe('SSM through the SDK', () => {
  it('pages the SSM region parameters ten at a time, other partitions included', async () => {
    const { ssm } = await start('demo');
    const pages = await collect(paginateGetParametersByPath({ client: ssm('eu-west-1'), pageSize: 10 }, { Path: SSM_REGIONS_PATH }));
    const parameters = pages.flatMap((page) => page.Parameters ?? []);
    expect(pages.length).toBe(Math.ceil((COMMERCIAL_REGIONS.length + 4) / 10));
    const codes = parameters.map((parameter: Parameter) => parameter.Value);
    for (const region of COMMERCIAL_REGIONS) expect(codes).toContain(region.code);
    expect(codes).toContain('cn-north-1');
    expect(codes).toContain('us-gov-west-1');
    expect(parameters[0]?.LastModifiedDate).toBeInstanceOf(Date);
    const tooMany = await captureError(ssm().send(new GetParametersByPathCommand({ Path: SSM_REGIONS_PATH, MaxResults: 11 })));
    expect(tooMany).toBeInstanceOf(ValidationException);
    const forged = await captureError(ssm().send(new GetParametersByPathCommand({ Path: SSM_REGIONS_PATH, NextToken: 'forged' })));
    expect(forged).toBeInstanceOf(InvalidNextToken);
  });

  it('pages maintenance windows and their tasks with the SDK paginators', async () => {
    const { ssm } = await start('clean');
    const client = ssm('us-west-2');
    const created: string[] = [];
    for (let index = 0; index < 23; index += 1) {
      const { WindowId } = await client.send(
        new CreateMaintenanceWindowCommand({
          Name: `nightly-${String(index).padStart(2, '0')}`,
          Schedule: 'cron(0 1 * * ? *)',
          Duration: 2,
          Cutoff: 1,
          AllowUnassociatedTargets: false,
        }),
      );
      created.push(WindowId!);
    }
    const windowPages = await collect(paginateDescribeMaintenanceWindows({ client, pageSize: 10 }, {}));
    expect(windowPages.map((page) => page.WindowIdentities?.length)).toEqual([10, 10, 3]);
    expect(windowPages.flatMap((page) => page.WindowIdentities ?? []).map((window) => window.WindowId).sort()).toEqual([...created].sort());

    const windowId = created[0]!;
    const taskIds: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      const { WindowTaskId } = await client.send(
        new RegisterTaskWithMaintenanceWindowCommand({
          WindowId: windowId,
          TaskArn: 'AWS-RunShellScript',
          TaskType: 'RUN_COMMAND',
          Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }],
          ServiceRoleArn: `arn:aws:iam::${ACCOUNT}:role/AtlasMaintenanceWindowRole`,
          Priority: index,
        }),
      );
      taskIds.push(WindowTaskId!);
    }
    const taskPages = await collect(paginateDescribeMaintenanceWindowTasks({ client, pageSize: 10 }, { WindowId: windowId }));
    expect(taskPages.map((page) => page.Tasks?.length)).toEqual([10, 2]);
    expect(taskPages.flatMap((page) => page.Tasks ?? []).map((task) => task.WindowTaskId)).toEqual(taskIds);

    await client.send(new DeleteMaintenanceWindowCommand({ WindowId: windowId }));
    expect((await listWindows(client)).length).toBe(22);
    const gone = await captureError(client.send(new DescribeMaintenanceWindowTasksCommand({ WindowId: windowId })));
    expect(gone).toBeInstanceOf(DoesNotExistException);
    const badSize = await captureError(client.send(new DescribeMaintenanceWindowsCommand({ MaxResults: 5 })));
    expect(badSize).toBeInstanceOf(ValidationException);
  });

  it('shows the demo’s tasks as the SDK types them: no role, the role’s ARN, and the notification-role decoy', async () => {
    const { ssm } = await start('demo');
    const east = ssm('us-east-1');
    const windows = await listWindows(east);
    const linux = windows.find((window) => window.Name === 'patch-linux-weekly')!;
    expect(linux).toMatchObject({ Enabled: true, Duration: 4, Cutoff: 1, Schedule: 'cron(0 3 ? * SUN *)' });
    const linuxTasks = await listTasks(east, linux.WindowId!);
    const relying = linuxTasks.find((task) => task.Name === 'install-patches')!;
    expect(relying.ServiceRoleArn).toBeUndefined();
    expect(relying.Type).toBe('RUN_COMMAND');

    const windowsPatch = windows.find((window) => window.Name === 'patch-windows-monthly')!;
    const [decoy] = await listTasks(east, windowsPatch.WindowId!);
    const detail = await east.send(new GetMaintenanceWindowTaskCommand({ WindowId: decoy!.WindowId, WindowTaskId: decoy!.WindowTaskId }));
    expect(detail.TaskType).toBe('RUN_COMMAND');
    expect(detail.ServiceRoleArn).toMatch(/:role\/AtlasMaintenanceWindowRole$/);
    expect(detail.TaskInvocationParameters?.RunCommand?.ServiceRoleArn).toMatch(/:role\/AtlasRunCommandNotificationRole$/);
    expect(detail.TaskInvocationParameters?.RunCommand?.NotificationConfig?.NotificationEvents).toEqual(['Failed', 'TimedOut']);

    const west = ssm('us-west-2');
    const westLinux = (await listWindows(west)).find((window) => window.Name === 'patch-linux-weekly')!;
    expect((await listTasks(west, westLinux.WindowId!))[0]?.ServiceRoleArn).toBe(SLR_ARN);
  });

  it('moves a task to a custom role with UpdateMaintenanceWindowTask, leaving its other fields, then deregisters it', async () => {
    const { ssm } = await start('demo');
    const client = ssm('eu-west-1');
    const window = (await listWindows(client)).find((candidate) => candidate.Name === 'patch-linux-weekly')!;
    const [task] = await listTasks(client, window.WindowId!);
    const before = await client.send(new GetMaintenanceWindowTaskCommand({ WindowId: task!.WindowId, WindowTaskId: task!.WindowTaskId }));
    const customRoleArn = `arn:aws:iam::${ACCOUNT}:role/AtlasMaintenanceWindowRole`;
    const updated = await client.send(
      new UpdateMaintenanceWindowTaskCommand({ WindowId: task!.WindowId, WindowTaskId: task!.WindowTaskId, ServiceRoleArn: customRoleArn }),
    );
    expect(updated.ServiceRoleArn).toBe(customRoleArn);
    expect(updated.Name).toBe(before.Name);
    expect(updated.Priority).toBe(before.Priority);
    expect(updated.Targets).toEqual(before.Targets);
    expect(updated.TaskInvocationParameters).toEqual(before.TaskInvocationParameters);

    await client.send(new DeregisterTaskFromMaintenanceWindowCommand({ WindowId: task!.WindowId, WindowTaskId: task!.WindowTaskId }));
    const again = await captureError(
      client.send(new DeregisterTaskFromMaintenanceWindowCommand({ WindowId: task!.WindowId, WindowTaskId: task!.WindowTaskId })),
    );
    expect(again).toBeInstanceOf(DoesNotExistException);
  });

  it('recreates the deleted role when a task is registered without one, as IAM then shows', async () => {
    const { ssm, iam } = await start('absent');
    const client = ssm('us-east-1');
    const missing = await captureError(iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })));
    expect(missing.name).toBe('NoSuchEntityException');
    const [window] = await listWindows(client);
    await client.send(
      new RegisterTaskWithMaintenanceWindowCommand({
        WindowId: window!.WindowId,
        TaskArn: 'AWS-RunPatchBaseline',
        TaskType: 'RUN_COMMAND',
        Targets: [{ Key: 'tag:PatchGroup', Values: ['linux'] }],
      }),
    );
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    expect(Role?.Arn).toBe(SLR_ARN);
    expect(Role?.Path).toBe(ROLE_PATH);
  });

  it('lists Inventory associations with the paginator and creates and deletes one', async () => {
    const { ssm } = await start('demo');
    const client = ssm('us-east-1');
    const filter = { AssociationFilterList: [{ key: 'Name' as const, value: 'AWS-GatherSoftwareInventory' }] };
    const before = (await collect(paginateListAssociations({ client, pageSize: 1 }, filter))).flatMap((page) => page.Associations ?? []);
    expect(before.length).toBe(1);
    expect(before[0]?.Targets).toEqual([{ Key: 'tag:Environment', Values: ['Production'] }]);
    expect(before[0]?.LastExecutionDate).toBeInstanceOf(Date);
    const { AssociationDescription } = await client.send(
      new CreateAssociationCommand({
        Name: 'AWS-GatherSoftwareInventory',
        AssociationName: 'inventory-staging',
        Targets: [{ Key: 'tag:Environment', Values: ['Staging'] }],
        ScheduleExpression: 'rate(30 minutes)',
      }),
    );
    expect(AssociationDescription?.Date).toBeInstanceOf(Date);
    const pages = await collect(paginateListAssociations({ client, pageSize: 1 }, filter));
    expect(pages.length).toBe(2);
    await client.send(new DeleteAssociationCommand({ AssociationId: AssociationDescription!.AssociationId }));
    const again = await captureError(client.send(new DeleteAssociationCommand({ AssociationId: AssociationDescription!.AssociationId })));
    expect(again).toBeInstanceOf(AssociationDoesNotExist);
  });

  it('reports the Explorer sync as NoPermissions while the role is missing', async () => {
    const { ssm } = await start('absent');
    const { ResourceDataSyncItems } = await ssm('us-east-1').send(new ListResourceDataSyncCommand({ SyncType: 'SyncFromSource' }));
    expect(ResourceDataSyncItems?.[0]).toMatchObject({
      SyncName: 'atlas-explorer-all-regions',
      SyncType: 'SyncFromSource',
      SyncSource: { SourceType: 'SingleAccountMultiRegions', State: 'NoPermissions', IncludeFutureRegions: true },
      LastStatus: 'Successful',
    });
    expect(ResourceDataSyncItems?.[0]?.SyncCreatedTime).toBeInstanceOf(Date);
  });
});
