import { getMaintenanceWindowPolicyArn, INVENTORY_DOCUMENT_NAME } from '../../lib/role/constants';
import { SANDBOX_ACCOUNT_ID } from '../config';
import { createCallerEvent, createRoleSessionEvents, describeTaskCalls, listRunTimes, sortEvents } from '../cloudtrail-history';
import { createRoleRecord, createServiceLinkedRoleRecord } from '../iam-model';
import { createSeededIds, type IdGenerator } from '../ids';
import { PARTITION_REGIONS } from '../partition';
import { matchesTagFilters } from '../services/tagging';
import type {
  AccountState,
  Association,
  IamRole,
  MaintenanceWindow,
  MaintenanceWindowTask,
  Partition,
  RegionState,
  ResourceDataSync,
  ResourceGroup,
  SandboxState,
  Target,
} from '../types';

// Building blocks for the sandbox's scenarios: an account with every region of its partition, and helpers that add
// roles, maintenance windows, tasks, associations, data syncs, tagged resources and resource groups with
// deterministic ids (a seeded generator) and dates relative to the scenario's clock.

/** The account every scenario builds: the sandbox's own. */
export const SCENARIO_ACCOUNT_ID = SANDBOX_ACCOUNT_ID;

/** The opt-in regions the account has enabled, in the scenarios that enable some. */
export const SCENARIO_OPTED_IN_REGIONS: readonly string[] = ['af-south-1', 'eu-south-1', 'ap-southeast-3'];

export const CUSTOM_WINDOW_ROLE_NAME = 'AtlasMaintenanceWindowRole';
/** A role that only lets Run Command publish SNS notifications: the task-level role is a different one. */
export const NOTIFICATION_ROLE_NAME = 'AtlasRunCommandNotificationRole';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WindowSpec {
  name: string;
  schedule: string;
  description?: string;
  scheduleTimezone?: string;
  duration?: number;
  cutoff?: number;
  isEnabled?: boolean;
  createdDaysAgo?: number;
}

export interface TaskSpec {
  type: MaintenanceWindowTask['Type'];
  taskArn: string;
  name?: string;
  description?: string;
  serviceRoleArn?: string;
  priority?: number;
  targets?: Target[];
  maxConcurrency?: string;
  maxErrors?: string;
  invocationParameters?: Record<string, unknown>;
}

export interface AssociationSpec {
  documentName: string;
  associationName?: string;
  targets: Target[];
  scheduleExpression?: string;
  parameters?: Record<string, string[]>;
  lastExecutedDaysAgo?: number;
  status?: string;
  createdDaysAgo?: number;
}

export interface ResourceGroupSpec {
  name: string;
  description?: string;
  /** A TAG_FILTERS_1_0 query over these tags; members are the region's tagged resources that match. */
  tagFilters: Array<{ Key: string; Values: string[] }>;
  tags?: Record<string, string>;
}

function createRegionState(code: string, name: string, isOptIn: boolean, optedIn: ReadonlySet<string>): RegionState {
  return {
    code,
    name,
    optInStatus: !isOptIn ? 'opt-in-not-required' : optedIn.has(code) ? 'opted-in' : 'not-opted-in',
    windows: {},
    associations: {},
    dataSyncs: {},
    resourceGroups: {},
    taggedResources: {},
  };
}

export interface ScenarioBuilderOptions {
  /** The account to build (default: the sandbox's own, the management account). */
  accountId?: string;
  /** A state to add the account to, for scenarios with several accounts (default: a new state). */
  state?: SandboxState;
  /** The account's partition (default: the commercial partition, `aws`). */
  partition?: Partition;
}

export class ScenarioBuilder {
  readonly ids: IdGenerator;
  readonly state: SandboxState;
  readonly account: AccountState;
  readonly accountId: string;
  readonly partition: Partition;
  /** Where the account's own activity is recorded: the partition's first enabled region. */
  readonly homeRegion: string;

  constructor(
    scenario: string,
    readonly nowMs: number,
    optedInRegions: readonly string[] = SCENARIO_OPTED_IN_REGIONS,
    options: ScenarioBuilderOptions = {},
  ) {
    this.accountId = options.accountId ?? SCENARIO_ACCOUNT_ID;
    this.partition = options.partition ?? 'aws';
    this.homeRegion = this.partition === 'aws' ? 'us-east-1' : 'us-gov-west-1';
    // The sandbox's own account keeps the seed it always had, so single-account scenarios keep their ids.
    this.ids = createSeededIds(`ssm-role-atlas/${scenario}${this.accountId === SCENARIO_ACCOUNT_ID ? '' : `/${this.accountId}`}`);
    const optedIn = new Set(optedInRegions);
    this.account = {
      accountId: this.accountId,
      partition: this.partition,
      iam: { roles: {}, deletionTasks: {} },
      regions: Object.fromEntries(
        PARTITION_REGIONS[this.partition].map((region) => [region.code, createRegionState(region.code, region.name, region.isOptIn, optedIn)]),
      ),
    };
    if (options.state) {
      if (options.state.accounts[this.accountId]) throw new Error(`Scenario ${scenario} already holds account ${this.accountId}`);
      options.state.accounts[this.accountId] = this.account;
      this.state = options.state;
    } else {
      this.state = { version: 1, scenario, accounts: { [this.accountId]: this.account } };
    }
  }

  /** An ISO date `days` (fractions allowed) before the scenario's clock, on a whole second. */
  daysAgo(days: number): string {
    return new Date(Math.floor((this.nowMs - days * DAY_MS) / 1000) * 1000).toISOString();
  }

  /** Codes of the regions the account can use: enabled by default, or opted in. */
  enabledRegionCodes(): string[] {
    return Object.values(this.account.regions)
      .filter((region) => region.optInStatus !== 'not-opted-in')
      .map((region) => region.code);
  }

  region(code: string): RegionState {
    const region = this.account.regions[code];
    if (!region) throw new Error(`Unknown region ${code} in scenario ${this.state.scenario}`);
    return region;
  }

  addRole(role: IamRole): IamRole {
    this.account.iam.roles[role.roleName] = role;
    return role;
  }

  /** The service-linked role, created `createdDaysAgo` ago and last used `lastUsedDaysAgo` ago in `lastUsedRegion`. */
  addServiceLinkedRole(createdDaysAgo: number, lastUsed?: { daysAgo: number; region: string }): IamRole {
    const role = createServiceLinkedRoleRecord(this.accountId, this.daysAgo(createdDaysAgo), undefined, this.partition);
    if (lastUsed) role.roleLastUsed = { lastUsedDate: this.daysAgo(lastUsed.daysAgo), region: lastUsed.region };
    return this.addRole(role);
  }

  /** The custom maintenance-window role AWS recommends: trusts ssm.amazonaws.com, AmazonSSMMaintenanceWindowRole attached. */
  addCustomWindowRole(createdDaysAgo: number): IamRole {
    return this.addRole(
      createRoleRecord({
        accountId: this.accountId,
        partition: this.partition,
        roleName: CUSTOM_WINDOW_ROLE_NAME,
        createDate: this.daysAgo(createdDaysAgo),
        description: 'Runs maintenance-window tasks instead of the Systems Manager service-linked role.',
        trustedService: 'ssm.amazonaws.com',
        attachedPolicyArns: [getMaintenanceWindowPolicyArn(this.partition)],
        roleLastUsed: { lastUsedDate: this.daysAgo(1.2), region: this.homeRegion },
      }),
    );
  }

  /** The role Run Command uses to publish SNS notifications (TaskInvocationParameters.RunCommand.ServiceRoleArn). */
  addNotificationRole(createdDaysAgo: number): IamRole {
    return this.addRole(
      createRoleRecord({
        accountId: this.accountId,
        partition: this.partition,
        roleName: NOTIFICATION_ROLE_NAME,
        createDate: this.daysAgo(createdDaysAgo),
        description: 'Lets Run Command publish command status notifications to SNS.',
        trustedService: 'ssm.amazonaws.com',
        inlinePolicies: {
          PublishCommandNotifications: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'sns:Publish',
                Resource: `arn:${this.partition}:sns:*:${this.accountId}:maintenance-notifications`,
              },
            ],
          }),
        },
      }),
    );
  }

  addWindow(regionCode: string, spec: WindowSpec): MaintenanceWindow {
    const created = this.daysAgo(spec.createdDaysAgo ?? 200);
    const window: MaintenanceWindow = {
      WindowId: this.ids.windowId(),
      Name: spec.name,
      Enabled: spec.isEnabled ?? true,
      Schedule: spec.schedule,
      Duration: spec.duration ?? 3,
      Cutoff: spec.cutoff ?? 1,
      AllowUnassociatedTargets: false,
      CreatedDate: created,
      ModifiedDate: created,
      tasks: {},
    };
    if (spec.description !== undefined) window.Description = spec.description;
    if (spec.scheduleTimezone !== undefined) window.ScheduleTimezone = spec.scheduleTimezone;
    this.region(regionCode).windows[window.WindowId] = window;
    return window;
  }

  addTask(window: MaintenanceWindow, spec: TaskSpec): MaintenanceWindowTask {
    const task: MaintenanceWindowTask = {
      WindowId: window.WindowId,
      WindowTaskId: this.ids.uuid(),
      TaskArn: spec.taskArn,
      Type: spec.type,
      // Copies, so no two records share an object that a handler could later change in place.
      Targets: (spec.targets ?? [{ Key: 'InstanceIds', Values: [this.instanceId(), this.instanceId()] }]).map((target) => ({
        Key: target.Key,
        Values: [...target.Values],
      })),
      Priority: spec.priority ?? 1,
    };
    if (spec.serviceRoleArn !== undefined) task.ServiceRoleArn = spec.serviceRoleArn;
    if (spec.type === 'RUN_COMMAND' || spec.type === 'AUTOMATION') {
      task.MaxConcurrency = spec.maxConcurrency ?? '2';
      task.MaxErrors = spec.maxErrors ?? '1';
    }
    if (spec.name !== undefined) task.Name = spec.name;
    if (spec.description !== undefined) task.Description = spec.description;
    if (spec.invocationParameters !== undefined) task.TaskInvocationParameters = structuredClone(spec.invocationParameters);
    window.tasks[task.WindowTaskId] = task;
    return task;
  }

  /**
   * A maintenance window whose task ran as the role and was deleted since: only the CloudTrail history remembers
   * it (its registration without a role, the role's sessions on its schedule, and its deregistration).
   */
  addRetiredRoleUse(
    regionCode: string,
    role: IamRole,
    spec: { windowName: string; schedule: string; task: TaskSpec; registeredDaysAgo: number; deregisteredDaysAgo: number },
  ): void {
    const region = this.region(regionCode);
    const windowId = this.ids.windowId();
    const task: MaintenanceWindowTask = {
      WindowId: windowId,
      WindowTaskId: this.ids.uuid(),
      TaskArn: spec.task.taskArn,
      Type: spec.task.type,
      Targets: spec.task.targets ?? [{ Key: 'InstanceIds', Values: [this.instanceId()] }],
      Priority: 1,
    };
    const registeredMs = Date.parse(this.daysAgo(spec.registeredDaysAgo));
    const deregisteredMs = Date.parse(this.daysAgo(spec.deregisteredDaysAgo));
    const windowArn = `arn:${this.partition}:ssm:${regionCode}:${this.accountId}:maintenancewindow/${windowId}`;
    const caller = (timeMs: number, eventName: string, requestParameters: Record<string, unknown>) =>
      createCallerEvent(
        this.account,
        regionCode,
        timeMs,
        { eventSource: 'ssm.amazonaws.com', eventName, readOnly: false, requestParameters, resources: [{ ARN: windowArn, type: 'AWS::SSM::MaintenanceWindow' }], accessKeyId: 'AKIASANDBOXADMINKEY1' },
        this.ids,
      );
    this.account.cloudTrail ??= {};
    const events = (this.account.cloudTrail[region.code] ??= []);
    events.push(
      caller(registeredMs - 60_000, 'CreateMaintenanceWindow', { name: spec.windowName, schedule: spec.schedule, duration: 2, cutoff: 1 }),
      caller(registeredMs, 'RegisterTaskWithMaintenanceWindow', { windowId, taskArn: task.TaskArn, taskType: task.Type, targets: task.Targets, priority: 1 }),
    );
    for (const timeMs of listRunTimes(spec.schedule, registeredMs, deregisteredMs, 2)) {
      events.push(...createRoleSessionEvents(this.account, role, regionCode, timeMs, describeTaskCalls(this.account, regionCode, task), this.ids));
    }
    events.push(
      caller(deregisteredMs, 'DeregisterTaskFromMaintenanceWindow', { windowId, windowTaskId: task.WindowTaskId }),
      caller(deregisteredMs + 30_000, 'DeleteMaintenanceWindow', { windowId }),
    );
    sortEvents(events);
  }

  /** An EC2 instance id (i- + 17 hex). */
  instanceId(): string {
    return `i-${this.ids.hex(17)}`;
  }

  instanceArn(regionCode: string, instanceId: string): string {
    return `arn:${this.partition}:ec2:${regionCode}:${this.accountId}:instance/${instanceId}`;
  }

  addAssociation(regionCode: string, spec: AssociationSpec): Association {
    const association: Association = {
      AssociationId: this.ids.uuid(),
      Name: spec.documentName,
      AssociationVersion: '1',
      Targets: spec.targets.map((target) => ({ Key: target.Key, Values: [...target.Values] })),
      CreatedDate: this.daysAgo(spec.createdDaysAgo ?? 300),
      Overview: { Status: spec.status ?? 'Success', DetailedStatus: spec.status ?? 'Success' },
    };
    if (spec.associationName !== undefined) association.AssociationName = spec.associationName;
    if (spec.scheduleExpression !== undefined) association.ScheduleExpression = spec.scheduleExpression;
    if (spec.parameters !== undefined) association.Parameters = spec.parameters;
    if (spec.lastExecutedDaysAgo !== undefined) association.LastExecutionDate = this.daysAgo(spec.lastExecutedDaysAgo);
    this.region(regionCode).associations[association.AssociationId] = association;
    return association;
  }

  /** An Inventory association (AWS-GatherSoftwareInventory) collecting the usual types every 30 minutes. */
  addInventoryAssociation(regionCode: string, associationName: string, targets: Target[]): Association {
    return this.addAssociation(regionCode, {
      documentName: INVENTORY_DOCUMENT_NAME,
      associationName,
      targets,
      scheduleExpression: 'rate(30 minutes)',
      parameters: {
        applications: ['Enabled'],
        awsComponents: ['Enabled'],
        networkConfig: ['Enabled'],
        instanceDetailedInformation: ['Enabled'],
        services: ['Enabled'],
        windowsRoles: ['Enabled'],
        customInventory: ['Enabled'],
      },
      lastExecutedDaysAgo: 0.02,
    });
  }

  /** An Explorer resource data sync (SyncFromSource) over `sourceRegions`. */
  addExplorerSync(regionCode: string, syncName: string, sourceRegions: string[]): ResourceDataSync {
    const sync: ResourceDataSync = {
      SyncName: syncName,
      SyncType: 'SyncFromSource',
      SyncSource: {
        SourceType: 'SingleAccountMultiRegions',
        SourceRegions: sourceRegions,
        IncludeFutureRegions: true,
        State: 'Active',
        EnableAllOpsDataSources: true,
      },
      LastSyncTime: this.daysAgo(0.01),
      LastSuccessfulSyncTime: this.daysAgo(0.01),
      LastStatus: 'Successful',
      SyncCreatedTime: this.daysAgo(420),
    };
    this.region(regionCode).dataSyncs[syncName] = sync;
    return sync;
  }

  /** An Inventory resource data sync to S3 (SyncToDestination). */
  addS3InventorySync(regionCode: string, syncName: string, bucketName: string): ResourceDataSync {
    const sync: ResourceDataSync = {
      SyncName: syncName,
      SyncType: 'SyncToDestination',
      S3Destination: { BucketName: bucketName, Prefix: 'inventory', SyncFormat: 'JsonSerDe', Region: regionCode },
      LastSyncTime: this.daysAgo(0.05),
      LastSuccessfulSyncTime: this.daysAgo(0.05),
      LastStatus: 'Successful',
      SyncCreatedTime: this.daysAgo(500),
    };
    this.region(regionCode).dataSyncs[syncName] = sync;
    return sync;
  }

  tagResource(regionCode: string, arn: string, tags: Record<string, string>): void {
    const region = this.region(regionCode);
    region.taggedResources[arn] = { ...(region.taggedResources[arn] ?? {}), ...tags };
  }

  /** `count` tagged EC2 instances; returns their ids. */
  addTaggedInstances(regionCode: string, count: number, tags: Record<string, string>): string[] {
    const instanceIds: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const instanceId = this.instanceId();
      this.tagResource(regionCode, this.instanceArn(regionCode, instanceId), { ...tags, Name: `${tags.Role ?? 'node'}-${index + 1}` });
      instanceIds.push(instanceId);
    }
    return instanceIds;
  }

  addResourceGroup(regionCode: string, spec: ResourceGroupSpec): ResourceGroup {
    const region = this.region(regionCode);
    const group: ResourceGroup = {
      GroupArn: `arn:${this.partition}:resource-groups:${regionCode}:${this.accountId}:group/${spec.name}`,
      Name: spec.name,
      ResourceQuery: {
        Type: 'TAG_FILTERS_1_0',
        Query: JSON.stringify({ ResourceTypeFilters: ['AWS::AllSupported'], TagFilters: spec.tagFilters }),
      },
      resources: Object.entries(region.taggedResources)
        .filter(([, tags]) => matchesTagFilters(tags, spec.tagFilters))
        .map(([arn]) => arn)
        .sort(),
      tags: spec.tags ?? {},
    };
    if (spec.description !== undefined) group.Description = spec.description;
    region.resourceGroups[spec.name] = group;
    return group;
  }
}

/** Run Command parameters for AWS-RunPatchBaseline. */
export function patchBaselineParameters(operation: 'Scan' | 'Install'): Record<string, unknown> {
  return {
    RunCommand: {
      Comment: operation === 'Install' ? 'Install missing patches' : 'Scan for missing patches',
      Parameters: { Operation: [operation], RebootOption: [operation === 'Install' ? 'RebootIfNeeded' : 'NoReboot'] },
      TimeoutSeconds: 3600,
    },
  };
}
