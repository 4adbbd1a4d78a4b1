import { z } from 'zod';
import { COMMERCIAL_REGIONS } from '../../lib/regions';
import { ROLE_NAME, ROLE_PATH } from '../../lib/role/constants';
import { createServiceLinkedRoleRecord } from '../iam-model';
import { fingerprintRequest, randomIds, takePage } from '../ids';
import {
  SandboxError,
  type AccountState,
  type Association,
  type HandlerContext,
  type MaintenanceWindow,
  type MaintenanceWindowTask,
  type RegionState,
  type ResourceDataSync,
  type SandboxState,
  type ServiceDefinition,
  type Target,
} from '../types';
import { optionalToken, parseInput, toEpochSeconds } from './aws-input';

// Systems Manager (JSON 1.1, target prefix AmazonSSM): public region parameters, maintenance windows and their
// tasks, State Manager associations and resource data syncs, with AWS's validation, paging and error codes.

// ---------- shared lookups ----------

export function getAccount(state: SandboxState, ctx: HandlerContext): AccountState {
  const account = state.accounts[ctx.accountId];
  if (!account) {
    throw new SandboxError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  return account;
}

export function getRegionState(state: SandboxState, ctx: HandlerContext): RegionState {
  const region = getAccount(state, ctx).regions[ctx.region];
  if (!region) {
    throw new SandboxError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  return region;
}

/** Whether the account holds the SSM service-linked role (by name and its reserved path). */
export function hasServiceLinkedRole(account: AccountState): boolean {
  const role = account.iam.roles[ROLE_NAME];
  return role !== undefined && role.path === ROLE_PATH;
}

export function getMaintenanceWindowArn(ctx: HandlerContext, windowId: string): string {
  return `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:maintenancewindow/${windowId}`;
}

// ---------- input shapes (constraints from the SSM API model) ----------

const windowIdSchema = z.string().min(20).max(20).regex(/^mw-[0-9a-f]{17}$/);
const windowTaskIdSchema = z
  .string()
  .min(36)
  .max(36)
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
const windowNameSchema = z.string().min(3).max(128).regex(/^[a-zA-Z0-9_\-.]{3,128}$/);
const descriptionSchema = z.string().min(1).max(128);
const nextTokenSchema = z.string().max(4096).nullish();
const targetSchema = z.object({
  Key: z.string().min(1).max(163),
  Values: z.array(z.string()).max(50),
});
const targetsSchema = z.array(targetSchema).max(5);
const filterSchema = z.object({
  Key: z.string().min(1).max(128),
  Values: z.array(z.string().min(1).max(256)).max(5).optional(),
});
const maxConcurrencySchema = z.string().min(1).max(7).regex(/^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/);
const maxErrorsSchema = z.string().min(1).max(7).regex(/^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/);
const taskTypeSchema = z.enum(['RUN_COMMAND', 'AUTOMATION', 'STEP_FUNCTIONS', 'LAMBDA']);
const cutoffBehaviorSchema = z.enum(['CONTINUE_TASK', 'CANCEL_TASK']);
const invocationParametersSchema = z.record(z.string(), z.unknown());

const MAX_TASKS_PER_WINDOW = 20;
const DEFAULT_TASK_PRIORITY = 1;

// ---------- errors ----------

function windowNotFound(windowId: string): SandboxError {
  return new SandboxError('DoesNotExistException', `Maintenance window ${windowId} does not exist`);
}

function taskNotFound(windowId: string, windowTaskId: string): SandboxError {
  return new SandboxError(
    'DoesNotExistException',
    `Maintenance window task ${windowTaskId} does not exist in maintenance window ${windowId}`,
  );
}

function invalidNextToken(): SandboxError {
  return new SandboxError('InvalidNextToken', 'The specified token is not valid.');
}

function requireWindow(region: RegionState, windowId: string): MaintenanceWindow {
  const window = region.windows[windowId];
  if (!window) throw windowNotFound(windowId);
  return window;
}

function requireTask(window: MaintenanceWindow, windowTaskId: string): MaintenanceWindowTask {
  const task = window.tasks[windowTaskId];
  if (!task) throw taskNotFound(window.WindowId, windowTaskId);
  return task;
}

// ---------- output shapes ----------

function cloneTargets(targets: readonly Target[]): Target[] {
  return targets.map((target) => ({ Key: target.Key, Values: [...target.Values] }));
}

function describeWindow(window: MaintenanceWindow) {
  return {
    WindowId: window.WindowId,
    Name: window.Name,
    ...(window.Description !== undefined ? { Description: window.Description } : {}),
    Enabled: window.Enabled,
    Duration: window.Duration,
    Cutoff: window.Cutoff,
    Schedule: window.Schedule,
    ...(window.ScheduleTimezone !== undefined ? { ScheduleTimezone: window.ScheduleTimezone } : {}),
  };
}

/** The fields DescribeMaintenanceWindowTasks, GetMaintenanceWindowTask and UpdateMaintenanceWindowTask share. */
function describeTaskCommon(task: MaintenanceWindowTask) {
  return {
    WindowId: task.WindowId,
    WindowTaskId: task.WindowTaskId,
    TaskArn: task.TaskArn,
    Targets: cloneTargets(task.Targets),
    ...(task.ServiceRoleArn ? { ServiceRoleArn: task.ServiceRoleArn } : {}),
    Priority: task.Priority,
    ...(task.MaxConcurrency !== undefined ? { MaxConcurrency: task.MaxConcurrency } : {}),
    ...(task.MaxErrors !== undefined ? { MaxErrors: task.MaxErrors } : {}),
    ...(task.Name !== undefined ? { Name: task.Name } : {}),
    ...(task.Description !== undefined ? { Description: task.Description } : {}),
    ...(task.CutoffBehavior !== undefined ? { CutoffBehavior: task.CutoffBehavior } : {}),
  };
}

function describeTaskWithParameters(task: MaintenanceWindowTask) {
  return {
    ...describeTaskCommon(task),
    ...(task.TaskInvocationParameters !== undefined
      ? { TaskInvocationParameters: structuredClone(task.TaskInvocationParameters) }
      : {}),
  };
}

function describeAssociation(association: Association) {
  return {
    Name: association.Name,
    AssociationId: association.AssociationId,
    AssociationVersion: association.AssociationVersion,
    DocumentVersion: '$DEFAULT',
    Targets: cloneTargets(association.Targets),
    ...(association.LastExecutionDate !== undefined
      ? { LastExecutionDate: toEpochSeconds(association.LastExecutionDate) }
      : {}),
    Overview: { ...association.Overview },
    ...(association.ScheduleExpression !== undefined ? { ScheduleExpression: association.ScheduleExpression } : {}),
    ...(association.AssociationName !== undefined ? { AssociationName: association.AssociationName } : {}),
  };
}

function describeDataSync(sync: ResourceDataSync, isRoleMissing: boolean) {
  return {
    SyncName: sync.SyncName,
    SyncType: sync.SyncType,
    ...(sync.SyncSource
      ? {
          SyncSource: {
            SourceType: sync.SyncSource.SourceType,
            SourceRegions: [...sync.SyncSource.SourceRegions],
            ...(sync.SyncSource.IncludeFutureRegions !== undefined
              ? { IncludeFutureRegions: sync.SyncSource.IncludeFutureRegions }
              : {}),
            // Explorer syncs read through the service-linked role; without it AWS reports NoPermissions.
            State: isRoleMissing ? 'NoPermissions' : sync.SyncSource.State,
            ...(sync.SyncSource.EnableAllOpsDataSources !== undefined
              ? { EnableAllOpsDataSources: sync.SyncSource.EnableAllOpsDataSources }
              : {}),
          },
        }
      : {}),
    ...(sync.S3Destination ? { S3Destination: { ...sync.S3Destination } } : {}),
    ...(sync.LastSyncTime !== undefined ? { LastSyncTime: toEpochSeconds(sync.LastSyncTime) } : {}),
    ...(sync.LastSuccessfulSyncTime !== undefined
      ? { LastSuccessfulSyncTime: toEpochSeconds(sync.LastSuccessfulSyncTime) }
      : {}),
    LastStatus: sync.LastStatus,
    SyncCreatedTime: toEpochSeconds(sync.SyncCreatedTime),
    SyncLastModifiedTime: toEpochSeconds(sync.SyncCreatedTime),
  };
}

// ---------- GetParametersByPath: the public global-infrastructure parameters ----------

/** Regions of other partitions that AWS lists among SSM's regions too (callers must filter by partition). */
export const OTHER_PARTITION_SSM_REGIONS = ['cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1'] as const;

export const SSM_REGIONS_PATH = '/aws/service/global-infrastructure/services/ssm/regions';
const GLOBAL_REGIONS_PATH = '/aws/service/global-infrastructure/regions';
/** The date AWS last touched these public parameters, for LastModifiedDate. */
const PUBLIC_PARAMETER_DATE = '2025-10-01T00:00:00.000Z';

interface PublicParameter {
  Name: string;
  Value: string;
}

function listPublicParameters(): PublicParameter[] {
  const codes = [...COMMERCIAL_REGIONS.map((region) => region.code), ...OTHER_PARTITION_SSM_REGIONS];
  const parameters: PublicParameter[] = [
    { Name: '/aws/service/global-infrastructure/services/ssm/longName', Value: 'AWS Systems Manager' },
  ];
  for (const code of codes) {
    parameters.push({ Name: `${SSM_REGIONS_PATH}/${code}`, Value: code });
    parameters.push({ Name: `${GLOBAL_REGIONS_PATH}/${code}`, Value: code });
  }
  return parameters.sort((left, right) => (left.Name < right.Name ? -1 : left.Name > right.Name ? 1 : 0));
}

const PUBLIC_PARAMETERS = listPublicParameters();

function isUnderPath(name: string, path: string, isRecursive: boolean): boolean {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  if (!name.startsWith(prefix)) return false;
  return isRecursive || !name.slice(prefix.length).includes('/');
}

function toParameterOutput(ctx: HandlerContext, parameter: PublicParameter) {
  return {
    Name: parameter.Name,
    Type: 'String',
    Value: parameter.Value,
    Version: 1,
    LastModifiedDate: toEpochSeconds(PUBLIC_PARAMETER_DATE),
    ARN: `arn:${ctx.partition}:ssm:${ctx.region}::parameter${parameter.Name}`,
    DataType: 'text',
  };
}

const getParametersByPathSchema = z.object({
  Path: z.string().min(1).max(2048),
  Recursive: z.boolean().nullish(),
  ParameterFilters: z.array(z.object({ Key: z.string().min(1).max(132) }).loose()).nullish(),
  WithDecryption: z.boolean().nullish(),
  MaxResults: z.number().int().min(1).max(10).nullish(),
  NextToken: nextTokenSchema,
});

function getParametersByPath(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(getParametersByPathSchema, rawInput);
  if (!input.Path.startsWith('/')) {
    throw new SandboxError(
      'ValidationException',
      'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".',
    );
  }
  const isRecursive = input.Recursive === true;
  const matching = PUBLIC_PARAMETERS.filter((parameter) => isUnderPath(parameter.Name, input.Path, isRecursive));
  const fingerprint = fingerprintRequest(['GetParametersByPath', input.Path, isRecursive, input.ParameterFilters ?? []]);
  const page = takePage(matching, (parameter) => parameter.Name, input.MaxResults ?? 10, optionalToken(input.NextToken), fingerprint);
  if (!page) throw invalidNextToken();
  return {
    Parameters: page.items.map((parameter) => toParameterOutput(ctx, parameter)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

const getParametersSchema = z.object({
  // GetParameters takes 1 to 10 names (API reference: GetParameters).
  Names: z.array(z.string().min(1).max(2048)).min(1).max(10),
  WithDecryption: z.boolean().nullish(),
});

/** Parameters by name; names that do not exist come back in InvalidParameters, not as an error. */
function getParameters(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(getParametersSchema, rawInput);
  const byName = new Map(PUBLIC_PARAMETERS.map((parameter) => [parameter.Name, parameter]));
  const found = input.Names.flatMap((name) => {
    const parameter = byName.get(name);
    return parameter ? [parameter] : [];
  });
  return {
    Parameters: found.map((parameter) => toParameterOutput(ctx, parameter)),
    InvalidParameters: input.Names.filter((name) => !byName.has(name)),
  };
}

// ---------- maintenance windows ----------

const createMaintenanceWindowSchema = z.object({
  Name: windowNameSchema,
  Description: descriptionSchema.nullish(),
  StartDate: z.string().nullish(),
  EndDate: z.string().nullish(),
  Schedule: z.string().min(1).max(256),
  ScheduleTimezone: z.string().nullish(),
  ScheduleOffset: z.number().int().min(1).max(6).nullish(),
  Duration: z.number().int().min(1).max(24),
  Cutoff: z.number().int().min(0).max(23),
  AllowUnassociatedTargets: z.boolean(),
  ClientToken: z.string().min(1).max(64).nullish(),
  Tags: z
    .array(z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) }))
    .max(1000)
    .nullish(),
});

const SCHEDULE_PATTERN = /^(cron|rate|at)\(.+\)$/;

async function createMaintenanceWindow(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(createMaintenanceWindowSchema, rawInput);
  if (!SCHEDULE_PATTERN.test(input.Schedule)) {
    throw new SandboxError('ValidationException', `Invalid schedule expression: ${input.Schedule}`);
  }
  if (input.Cutoff >= input.Duration) {
    throw new SandboxError('ValidationException', 'The cutoff must be less than the duration of the maintenance window.');
  }
  const windowId = randomIds.windowId();
  const nowIso = new Date(ctx.nowMs).toISOString();
  await ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    const window: MaintenanceWindow = {
      WindowId: windowId,
      Name: input.Name,
      Enabled: true,
      Schedule: input.Schedule,
      Duration: input.Duration,
      Cutoff: input.Cutoff,
      AllowUnassociatedTargets: input.AllowUnassociatedTargets,
      CreatedDate: nowIso,
      ModifiedDate: nowIso,
      tasks: {},
    };
    if (input.Description) window.Description = input.Description;
    if (input.ScheduleTimezone) window.ScheduleTimezone = input.ScheduleTimezone;
    region.windows[windowId] = window;
    if (input.Tags && input.Tags.length > 0) {
      region.taggedResources[getMaintenanceWindowArn(ctx, windowId)] = Object.fromEntries(
        input.Tags.map((tag) => [tag.Key, tag.Value]),
      );
    }
  });
  return { WindowId: windowId };
}

const windowIdInputSchema = z.object({ WindowId: windowIdSchema });

async function deleteMaintenanceWindow(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(windowIdInputSchema, rawInput);
  // AWS answers a delete of an unknown window with its id, without an error.
  await ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    delete region.windows[input.WindowId];
    delete region.taggedResources[getMaintenanceWindowArn(ctx, input.WindowId)];
  });
  return { WindowId: input.WindowId };
}

function checkFilterKeys(filters: ReadonlyArray<{ Key: string }>, supported: readonly string[]): void {
  for (const filter of filters) {
    if (!supported.includes(filter.Key)) {
      throw new SandboxError(
        'ValidationException',
        `Filter key ${filter.Key} is not supported. Supported filter keys: ${supported.join(', ')}.`,
      );
    }
  }
}

const describeMaintenanceWindowsSchema = z.object({
  Filters: z.array(filterSchema).max(5).nullish(),
  MaxResults: z.number().int().min(10).max(100).nullish(),
  NextToken: nextTokenSchema,
});

function windowSortKey(window: MaintenanceWindow): string {
  return `${window.Name}\u0000${window.WindowId}`;
}

function describeMaintenanceWindows(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(describeMaintenanceWindowsSchema, rawInput);
  const filters = input.Filters ?? [];
  checkFilterKeys(filters, ['Name', 'Enabled']);
  const fingerprint = fingerprintRequest(['DescribeMaintenanceWindows', ctx.region, filters]);
  return ctx.store.read((state) => {
    const region = getRegionState(state, ctx);
    const windows = Object.values(region.windows)
      .filter((window) =>
        filters.every((filter) => {
          const values = filter.Values ?? [];
          if (values.length === 0) return true;
          if (filter.Key === 'Name') return values.includes(window.Name);
          return values.some((value) => value.toLowerCase() === String(window.Enabled));
        }),
      );
    const page = takePage(windows, windowSortKey, input.MaxResults ?? 10, optionalToken(input.NextToken), fingerprint);
    if (!page) throw invalidNextToken();
    return {
      WindowIdentities: page.items.map(describeWindow),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}

// ---------- maintenance-window tasks ----------

const describeMaintenanceWindowTasksSchema = z.object({
  WindowId: windowIdSchema,
  Filters: z.array(filterSchema).max(5).nullish(),
  MaxResults: z.number().int().min(10).max(100).nullish(),
  NextToken: nextTokenSchema,
});

function taskSortKey(task: MaintenanceWindowTask): string {
  return `${String(task.Priority).padStart(10, '0')}\u0000${task.WindowTaskId}`;
}

function matchesTaskFilter(task: MaintenanceWindowTask, key: string, values: readonly string[]): boolean {
  if (values.length === 0) return true;
  switch (key) {
    case 'WindowTaskId':
      return values.includes(task.WindowTaskId);
    case 'TaskArn':
      return values.includes(task.TaskArn);
    case 'Priority':
      return values.includes(String(task.Priority));
    default:
      return values.includes(task.Type);
  }
}

function describeMaintenanceWindowTasks(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(describeMaintenanceWindowTasksSchema, rawInput);
  const filters = input.Filters ?? [];
  checkFilterKeys(filters, ['WindowTaskId', 'TaskArn', 'Priority', 'TaskType']);
  const fingerprint = fingerprintRequest(['DescribeMaintenanceWindowTasks', ctx.region, input.WindowId, filters]);
  return ctx.store.read((state) => {
    const window = requireWindow(getRegionState(state, ctx), input.WindowId);
    const tasks = Object.values(window.tasks)
      .filter((task) => filters.every((filter) => matchesTaskFilter(task, filter.Key, filter.Values ?? [])));
    const page = takePage(tasks, taskSortKey, input.MaxResults ?? 10, optionalToken(input.NextToken), fingerprint);
    if (!page) throw invalidNextToken();
    return {
      Tasks: page.items.map((task) => ({ ...describeTaskCommon(task), Type: task.Type })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}

const windowTaskInputSchema = z.object({ WindowId: windowIdSchema, WindowTaskId: windowTaskIdSchema });

function getMaintenanceWindowTask(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(windowTaskInputSchema, rawInput);
  return ctx.store.read((state) => {
    const task = requireTask(requireWindow(getRegionState(state, ctx), input.WindowId), input.WindowTaskId);
    return { ...describeTaskWithParameters(task), TaskType: task.Type };
  });
}

const registerTaskSchema = z.object({
  WindowId: windowIdSchema,
  TaskArn: z.string().min(1).max(1600),
  TaskType: taskTypeSchema,
  Targets: targetsSchema.nullish(),
  ServiceRoleArn: z.string().nullish(),
  TaskParameters: z.record(z.string(), z.unknown()).nullish(),
  TaskInvocationParameters: invocationParametersSchema.nullish(),
  Priority: z.number().int().min(0).nullish(),
  MaxConcurrency: maxConcurrencySchema.nullish(),
  MaxErrors: maxErrorsSchema.nullish(),
  LoggingInfo: z.record(z.string(), z.unknown()).nullish(),
  Name: windowNameSchema.nullish(),
  Description: descriptionSchema.nullish(),
  ClientToken: z.string().min(1).max(64).nullish(),
  CutoffBehavior: cutoffBehaviorSchema.nullish(),
  AlarmConfiguration: z.record(z.string(), z.unknown()).nullish(),
});

function requireRunCommandTargets(type: MaintenanceWindowTask['Type'], targets: readonly Target[]): void {
  if (type === 'RUN_COMMAND' && targets.length === 0) {
    throw new SandboxError('ValidationException', 'One or more targets must be specified for maintenance window Run Command-type tasks.');
  }
}

async function registerTaskWithMaintenanceWindow(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(registerTaskSchema, rawInput);
  requireRunCommandTargets(input.TaskType, input.Targets ?? []);
  const windowTaskId = randomIds.uuid();
  await ctx.store.mutate((state) => {
    const account = getAccount(state, ctx);
    const window = requireWindow(getRegionState(state, ctx), input.WindowId);
    if (Object.keys(window.tasks).length >= MAX_TASKS_PER_WINDOW) {
      throw new SandboxError(
        'ResourceLimitExceededException',
        `Maintenance window ${window.WindowId} already has the maximum of ${MAX_TASKS_PER_WINDOW} tasks.`,
      );
    }
    const task: MaintenanceWindowTask = {
      WindowId: window.WindowId,
      WindowTaskId: windowTaskId,
      TaskArn: input.TaskArn,
      Type: input.TaskType,
      Targets: cloneTargets(input.Targets ?? []),
      Priority: input.Priority ?? DEFAULT_TASK_PRIORITY,
    };
    if (input.ServiceRoleArn) task.ServiceRoleArn = input.ServiceRoleArn;
    if (input.TaskInvocationParameters) task.TaskInvocationParameters = structuredClone(input.TaskInvocationParameters);
    if (input.MaxConcurrency) task.MaxConcurrency = input.MaxConcurrency;
    if (input.MaxErrors) task.MaxErrors = input.MaxErrors;
    if (input.Name) task.Name = input.Name;
    if (input.Description) task.Description = input.Description;
    if (input.CutoffBehavior) task.CutoffBehavior = input.CutoffBehavior;
    window.tasks[windowTaskId] = task;
    window.ModifiedDate = new Date(ctx.nowMs).toISOString();
    // A task without its own role runs as the service-linked role, and AWS creates that role when it is missing.
    if (!task.ServiceRoleArn && !hasServiceLinkedRole(account)) {
      account.iam.roles[ROLE_NAME] = createServiceLinkedRoleRecord(ctx.accountId, new Date(ctx.nowMs).toISOString(), undefined, ctx.partition);
    }
  });
  return { WindowTaskId: windowTaskId };
}

const updateTaskSchema = z.object({
  WindowId: windowIdSchema,
  WindowTaskId: windowTaskIdSchema,
  Targets: targetsSchema.nullish(),
  TaskArn: z.string().min(1).max(1600).nullish(),
  ServiceRoleArn: z.string().nullish(),
  TaskParameters: z.record(z.string(), z.unknown()).nullish(),
  TaskInvocationParameters: invocationParametersSchema.nullish(),
  Priority: z.number().int().min(0).nullish(),
  MaxConcurrency: maxConcurrencySchema.nullish(),
  MaxErrors: maxErrorsSchema.nullish(),
  LoggingInfo: z.record(z.string(), z.unknown()).nullish(),
  Name: windowNameSchema.nullish(),
  Description: descriptionSchema.nullish(),
  Replace: z.boolean().nullish(),
  CutoffBehavior: cutoffBehaviorSchema.nullish(),
  AlarmConfiguration: z.record(z.string(), z.unknown()).nullish(),
});

type UpdateTaskInput = z.output<typeof updateTaskSchema>;

/**
 * AWS's update semantics: a field left null keeps its value; with `Replace: true` the fields required at
 * registration must be given again and every optional field not given is cleared. A given
 * TaskInvocationParameters (or Targets) replaces the stored one whole.
 */
function applyTaskUpdate(task: MaintenanceWindowTask, input: UpdateTaskInput): void {
  const isReplace = input.Replace === true;
  if (input.TaskArn != null) task.TaskArn = input.TaskArn;
  if (input.Targets != null) task.Targets = cloneTargets(input.Targets);
  else if (isReplace) task.Targets = [];
  if (input.Priority != null) task.Priority = input.Priority;
  else if (isReplace) task.Priority = DEFAULT_TASK_PRIORITY;

  const optionalFields = {
    ServiceRoleArn: input.ServiceRoleArn,
    MaxConcurrency: input.MaxConcurrency,
    MaxErrors: input.MaxErrors,
    Name: input.Name,
    Description: input.Description,
    CutoffBehavior: input.CutoffBehavior,
  } as const;
  for (const [field, value] of Object.entries(optionalFields) as Array<[keyof typeof optionalFields, string | null | undefined]>) {
    if (value != null && value !== '') (task as unknown as Record<string, string>)[field] = value;
    else if (isReplace) delete task[field];
  }
  if (input.TaskInvocationParameters != null) {
    task.TaskInvocationParameters = structuredClone(input.TaskInvocationParameters);
  } else if (isReplace) {
    delete task.TaskInvocationParameters;
  }
}

async function updateMaintenanceWindowTask(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(updateTaskSchema, rawInput);
  if (input.Replace === true && input.TaskArn == null) {
    throw new SandboxError(
      'ValidationException',
      'TaskArn is required when Replace is true: every field required to register a task must be given.',
    );
  }
  return ctx.store.mutate((state) => {
    const window = requireWindow(getRegionState(state, ctx), input.WindowId);
    const task = requireTask(window, input.WindowTaskId);
    applyTaskUpdate(task, input);
    requireRunCommandTargets(task.Type, task.Targets);
    window.ModifiedDate = new Date(ctx.nowMs).toISOString();
    return describeTaskWithParameters(task);
  });
}

async function deregisterTaskFromMaintenanceWindow(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(windowTaskInputSchema, rawInput);
  await ctx.store.mutate((state) => {
    const window = requireWindow(getRegionState(state, ctx), input.WindowId);
    requireTask(window, input.WindowTaskId);
    delete window.tasks[input.WindowTaskId];
    window.ModifiedDate = new Date(ctx.nowMs).toISOString();
  });
  return { WindowId: input.WindowId, WindowTaskId: input.WindowTaskId };
}

// ---------- State Manager associations ----------

const associationFilterKeySchema = z.enum([
  'InstanceId',
  'Name',
  'AssociationId',
  'AssociationStatusName',
  'LastExecutedBefore',
  'LastExecutedAfter',
  'AssociationName',
  'ResourceGroupName',
]);

const listAssociationsSchema = z.object({
  AssociationFilterList: z
    .array(z.object({ key: associationFilterKeySchema, value: z.string().min(1) }))
    .min(1)
    .nullish(),
  MaxResults: z.number().int().min(1).max(50).nullish(),
  NextToken: nextTokenSchema,
});

function matchesAssociationFilter(association: Association, key: string, value: string): boolean {
  const targetValues = (targetKey: string) =>
    association.Targets.filter((target) => target.Key === targetKey).flatMap((target) => target.Values);
  switch (key) {
    case 'Name':
      return association.Name === value;
    case 'AssociationName':
      return association.AssociationName === value;
    case 'AssociationId':
      return association.AssociationId === value;
    case 'AssociationStatusName':
      return association.Overview.Status === value;
    case 'InstanceId':
      return targetValues('InstanceIds').includes(value);
    case 'ResourceGroupName':
      return targetValues('resource-groups:Name').includes(value);
    case 'LastExecutedBefore':
    case 'LastExecutedAfter': {
      const bound = Date.parse(value);
      if (Number.isNaN(bound)) {
        throw new SandboxError('ValidationException', `The value ${value} of filter ${key} is not a valid date.`);
      }
      if (association.LastExecutionDate === undefined) return false;
      const executed = Date.parse(association.LastExecutionDate);
      return key === 'LastExecutedBefore' ? executed < bound : executed > bound;
    }
    default:
      return false;
  }
}

function associationSortKey(association: Association): string {
  return `${association.Name}\u0000${association.AssociationId}`;
}

function listAssociations(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(listAssociationsSchema, rawInput);
  const filters = input.AssociationFilterList ?? [];
  const fingerprint = fingerprintRequest(['ListAssociations', ctx.region, filters]);
  return ctx.store.read((state) => {
    const region = getRegionState(state, ctx);
    const associations = Object.values(region.associations)
      .filter((association) => filters.every((filter) => matchesAssociationFilter(association, filter.key, filter.value)));
    const page = takePage(associations, associationSortKey, input.MaxResults ?? 50, optionalToken(input.NextToken), fingerprint);
    if (!page) throw invalidNextToken();
    return {
      Associations: page.items.map(describeAssociation),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}

const createAssociationSchema = z.object({
  Name: z.string().min(1).max(200).regex(/^[a-zA-Z0-9_\-.:/]{3,200}$/),
  DocumentVersion: z.string().nullish(),
  InstanceId: z.string().nullish(),
  Parameters: z.record(z.string(), z.array(z.string())).nullish(),
  Targets: targetsSchema.nullish(),
  ScheduleExpression: z.string().min(1).max(256).nullish(),
  AssociationName: z.string().regex(/^[a-zA-Z0-9_\-.]{3,128}$/).nullish(),
  MaxErrors: maxErrorsSchema.nullish(),
  MaxConcurrency: maxConcurrencySchema.nullish(),
  ComplianceSeverity: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED']).nullish(),
});

async function createAssociation(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(createAssociationSchema, rawInput);
  const hasTargets = (input.Targets ?? []).length > 0;
  if (hasTargets === Boolean(input.InstanceId)) {
    throw new SandboxError('InvalidTarget', 'Specify either an instance id or targets for the association.');
  }
  if (input.ScheduleExpression && !SCHEDULE_PATTERN.test(input.ScheduleExpression)) {
    throw new SandboxError('InvalidSchedule', `The schedule expression ${input.ScheduleExpression} is not valid.`);
  }
  const nowIso = new Date(ctx.nowMs).toISOString();
  const association: Association = {
    AssociationId: randomIds.uuid(),
    Name: input.Name,
    AssociationVersion: '1',
    Targets: input.InstanceId
      ? [{ Key: 'InstanceIds', Values: [input.InstanceId] }]
      : cloneTargets(input.Targets ?? []),
    CreatedDate: nowIso,
    Overview: { Status: 'Pending', DetailedStatus: 'Creating' },
  };
  if (input.AssociationName) association.AssociationName = input.AssociationName;
  if (input.ScheduleExpression) association.ScheduleExpression = input.ScheduleExpression;
  if (input.Parameters) association.Parameters = structuredClone(input.Parameters);
  await ctx.store.mutate((state) => {
    getRegionState(state, ctx).associations[association.AssociationId] = association;
  });
  const created = toEpochSeconds(nowIso);
  return {
    AssociationDescription: {
      Name: association.Name,
      AssociationVersion: association.AssociationVersion,
      Date: created,
      LastUpdateAssociationDate: created,
      Status: { Date: created, Name: 'Pending', Message: 'Associated with ' + association.Name },
      Overview: { ...association.Overview },
      DocumentVersion: input.DocumentVersion ?? '$DEFAULT',
      ...(association.Parameters ? { Parameters: structuredClone(association.Parameters) } : {}),
      AssociationId: association.AssociationId,
      Targets: cloneTargets(association.Targets),
      ...(association.ScheduleExpression ? { ScheduleExpression: association.ScheduleExpression } : {}),
      ...(association.AssociationName ? { AssociationName: association.AssociationName } : {}),
      ...(input.MaxErrors ? { MaxErrors: input.MaxErrors } : {}),
      ...(input.MaxConcurrency ? { MaxConcurrency: input.MaxConcurrency } : {}),
      ...(input.ComplianceSeverity ? { ComplianceSeverity: input.ComplianceSeverity } : {}),
      ApplyOnlyAtCronInterval: false,
    },
  };
}

const deleteAssociationSchema = z.object({
  Name: z.string().nullish(),
  InstanceId: z.string().nullish(),
  AssociationId: z.string().nullish(),
});

async function deleteAssociation(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(deleteAssociationSchema, rawInput);
  if (!input.AssociationId && !(input.Name && input.InstanceId)) {
    throw new SandboxError('ValidationException', 'Specify an association id, or a document name and an instance id.');
  }
  await ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    const match = Object.values(region.associations).find((association) =>
      input.AssociationId
        ? association.AssociationId === input.AssociationId
        : association.Name === input.Name &&
          association.Targets.some((target) => target.Key === 'InstanceIds' && target.Values.includes(input.InstanceId ?? '')),
    );
    if (!match) throw new SandboxError('AssociationDoesNotExist', 'The specified association does not exist.');
    delete region.associations[match.AssociationId];
  });
  return {};
}

// ---------- resource data syncs ----------

const syncTypeSchema = z.string().min(1).max(64);

const listResourceDataSyncSchema = z.object({
  SyncType: syncTypeSchema.nullish(),
  MaxResults: z.number().int().min(1).max(50).nullish(),
  NextToken: nextTokenSchema,
});

const SYNC_TYPES = ['SyncToDestination', 'SyncFromSource'];

function checkSyncType(syncType: string | null | undefined): void {
  if (syncType != null && !SYNC_TYPES.includes(syncType)) {
    throw new SandboxError(
      'ResourceDataSyncInvalidConfigurationException',
      `Sync type ${syncType} is not valid. Valid sync types: ${SYNC_TYPES.join(', ')}.`,
    );
  }
}

function listResourceDataSync(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(listResourceDataSyncSchema, rawInput);
  checkSyncType(input.SyncType);
  // Each listing answers one sync type; without one, AWS lists the SyncToDestination (S3) syncs.
  const syncType = input.SyncType ?? 'SyncToDestination';
  const fingerprint = fingerprintRequest(['ListResourceDataSync', ctx.region, syncType]);
  return ctx.store.read((state) => {
    const isRoleMissing = !hasServiceLinkedRole(getAccount(state, ctx));
    const syncs = Object.values(getRegionState(state, ctx).dataSyncs)
      .filter((sync) => sync.SyncType === syncType);
    const page = takePage(syncs, (sync) => sync.SyncName, input.MaxResults ?? 50, optionalToken(input.NextToken), fingerprint);
    if (!page) throw invalidNextToken();
    return {
      ResourceDataSyncItems: page.items.map((sync) => describeDataSync(sync, isRoleMissing)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  });
}

const deleteResourceDataSyncSchema = z.object({
  SyncName: z.string().min(1).max(64),
  SyncType: syncTypeSchema.nullish(),
});

async function deleteResourceDataSync(ctx: HandlerContext, rawInput: Record<string, unknown>) {
  const input = parseInput(deleteResourceDataSyncSchema, rawInput);
  checkSyncType(input.SyncType);
  const syncType = input.SyncType ?? 'SyncToDestination';
  await ctx.store.mutate((state) => {
    const region = getRegionState(state, ctx);
    const sync = region.dataSyncs[input.SyncName];
    if (!sync || sync.SyncType !== syncType) {
      throw new SandboxError(
        'ResourceDataSyncNotFoundException',
        `Resource data sync ${input.SyncName} of type ${syncType} was not found.`,
      );
    }
    delete region.dataSyncs[input.SyncName];
  });
  return {};
}

export const ssmService: ServiceDefinition = {
  service: 'ssm',
  operations: {
    GetParametersByPath: getParametersByPath,
    GetParameters: getParameters,
    CreateMaintenanceWindow: createMaintenanceWindow,
    DeleteMaintenanceWindow: deleteMaintenanceWindow,
    DescribeMaintenanceWindows: describeMaintenanceWindows,
    DescribeMaintenanceWindowTasks: describeMaintenanceWindowTasks,
    GetMaintenanceWindowTask: getMaintenanceWindowTask,
    RegisterTaskWithMaintenanceWindow: registerTaskWithMaintenanceWindow,
    UpdateMaintenanceWindowTask: updateMaintenanceWindowTask,
    DeregisterTaskFromMaintenanceWindow: deregisterTaskFromMaintenanceWindow,
    ListAssociations: listAssociations,
    CreateAssociation: createAssociation,
    DeleteAssociation: deleteAssociation,
    ListResourceDataSync: listResourceDataSync,
    DeleteResourceDataSync: deleteResourceDataSync,
  },
};
