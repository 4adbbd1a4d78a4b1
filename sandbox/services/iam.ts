import { randomUUID } from 'node:crypto';
import { ROLE_NAME, SERVICE_PRINCIPAL } from '../../lib/role/constants';
import { createRoleRecord, createServiceLinkedRoleRecord } from '../iam-model';
import { ADMINISTRATOR_ACCESS_POLICY_ARN, findManagedPolicy, MANAGED_POLICIES, type ManagedPolicy } from '../policies';
import {
  SandboxError,
  type AccountState,
  type DeletionTask,
  type DeletionTimings,
  type HandlerContext,
  type IamRole,
  type Partition,
  type SandboxState,
  type ServiceDefinition,
} from '../types';
import { isArnOfPartition, toPartitionArn } from '../partition';
import { MANAGEMENT_ACCOUNT_ID, SANDBOX_CALLER_USER_NAME } from '../credentials';

// IAM as far as the service-linked role's lifecycle needs it: roles, their policies, the AWS managed policy
// catalogue, and asynchronous service-linked-role deletion decided from the account's maintenance-window tasks.

const ROLE_NAME_PATTERN = /^[\w+=,.@-]+$/;
const POLICY_NAME_PATTERN = /^[\w+=,.@-]+$/;
const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;
const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007F]*$/;
const DESCRIPTION_PATTERN = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
const POLICY_ARN_PATTERN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;
const VERSION_ID_PATTERN = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;
const DELETION_TASK_ID_PATTERN = /^[\w+=,.@:/-]+$/;
const MAX_MANAGED_POLICIES_PER_ROLE = 10;

// ---------- input checks, worded as IAM words them ----------

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function validationError(field: string, value: unknown, constraint: string): SandboxError {
  const shown = value === undefined ? 'null' : `'${String(value)}'`;
  return new SandboxError(
    'ValidationError',
    `1 validation error detected: Value ${shown} at '${lowerFirst(field)}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
}

function readString(input: Record<string, unknown>, field: string, rule: StringRule & { required: true }): string;
function readString(input: Record<string, unknown>, field: string, rule: StringRule): string | undefined;
function readString(input: Record<string, unknown>, field: string, rule: StringRule): string | undefined {
  const value = input[field];
  if (value === undefined) {
    if (rule.required) throw validationError(field, undefined, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') throw validationError(field, JSON.stringify(value), 'Member must be a string');
  if (rule.min !== undefined && value.length < rule.min) {
    throw validationError(field, value, `Member must have length greater than or equal to ${rule.min}`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw validationError(field, value, `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw validationError(field, value, `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
  }
  return value;
}

function readInteger(input: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) throw validationError(field, value, 'Member must be an integer');
  if (!Number.isInteger(number)) throw validationError(field, value, 'Member must be an integer');
  if (number < min) throw validationError(field, value, `Member must have value greater than or equal to ${min}`);
  if (number > max) throw validationError(field, value, `Member must have value less than or equal to ${max}`);
  return number;
}

function readRoleName(input: Record<string, unknown>): string {
  return readString(input, 'RoleName', { required: true, min: 1, max: 64, pattern: ROLE_NAME_PATTERN, patternText: '[\\w+=,.@-]+' });
}

function readPolicyArn(input: Record<string, unknown>): string {
  return readString(input, 'PolicyArn', { required: true, min: 20, max: 2048 });
}

function readDescription(input: Record<string, unknown>): string | undefined {
  return readString(input, 'Description', {
    min: 0,
    max: 1000,
    pattern: DESCRIPTION_PATTERN,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
  });
}

/** Checks a policy document is JSON holding statements, as IAM's MalformedPolicyDocument check does. */
function readPolicyDocument(input: Record<string, unknown>, field: string, maxLength: number): string {
  const text = readString(input, field, { required: true, min: 1, max: 131_072 });
  if (text.replace(/\s/g, '').length > maxLength) {
    throw new SandboxError('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${maxLength}`, 409);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new SandboxError('MalformedPolicyDocument', 'This policy contains invalid Json', 400);
  }
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  if (typeof document !== 'object' || document === null || Array.isArray(document) || statements === undefined) {
    throw new SandboxError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  }
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    const effect = (statement as { Effect?: unknown } | null)?.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') throw new SandboxError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  }
  return text;
}

// ---------- pagination (IAM Marker/MaxItems) ----------

function encodeMarker(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function paginate<T>(items: T[], keyOf: (item: T) => string, input: Record<string, unknown>): { page: T[]; marker?: string } {
  const maxItems = readInteger(input, 'MaxItems', 1, 1000) ?? 100;
  const marker = readString(input, 'Marker', { min: 1, max: 320, pattern: /^[\u0020-\u00FF]+$/ });
  let start = 0;
  if (marker !== undefined) {
    const after = Buffer.from(marker, 'base64url').toString('utf8');
    if (encodeMarker(after) !== marker) throw new SandboxError('ValidationError', 'Invalid Marker.', 400);
    // Resume after the last key served, even if that item has since gone.
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + maxItems);
  const last = page[page.length - 1];
  return start + maxItems < items.length && last ? { page, marker: encodeMarker(keyOf(last)) } : { page };
}

function truncation(marker: string | undefined): { IsTruncated: boolean; Marker?: string } {
  return marker ? { IsTruncated: true, Marker: marker } : { IsTruncated: false };
}

// ---------- state access ----------

function getAccount(state: SandboxState, accountId: string): AccountState {
  const account = state.accounts[accountId];
  if (!account) throw new SandboxError('ServiceFailure', `The sandbox holds no account ${accountId}.`, 500);
  return account;
}

/** IAM names are unique case-insensitively; an exact key is the fast path. */
function findRole(account: AccountState, roleName: string): IamRole | undefined {
  const exact = account.iam.roles[roleName];
  if (exact) return exact;
  const lower = roleName.toLowerCase();
  return Object.values(account.iam.roles).find((role) => role.roleName.toLowerCase() === lower);
}

function requireRole(account: AccountState, roleName: string): IamRole {
  const role = findRole(account, roleName);
  if (!role) throw new SandboxError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
  return role;
}

function assertModifiable(role: IamRole): void {
  if (role.isServiceLinked) {
    throw new SandboxError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.roleName}' - this role is only modifiable by AWS`,
      400,
    );
  }
}

/** A managed policy named by its ARN in the caller's partition: another partition's ARN names nothing here. */
function requirePolicy(arn: string, partition: Partition): ManagedPolicy {
  const policy = isArnOfPartition(arn, partition) ? findManagedPolicy(arn) : undefined;
  if (!policy) throw new SandboxError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
  return policy;
}

// ---------- wire shapes ----------

/** ISO 8601 with seconds precision and a Z, as IAM sends dates. */
function toIamDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function toRoleSummary(role: IamRole): Record<string, unknown> {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: toIamDate(role.createDate),
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
  };
}

function toRoleDetail(role: IamRole): Record<string, unknown> {
  return {
    ...toRoleSummary(role),
    Tags: role.tags.length > 0 ? role.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) : undefined,
    RoleLastUsed: role.roleLastUsed
      ? { LastUsedDate: toIamDate(role.roleLastUsed.lastUsedDate), Region: role.roleLastUsed.region }
      : {},
  };
}

function countAttachments(state: SandboxState, policyArn: string): number {
  let count = 0;
  for (const account of Object.values(state.accounts)) {
    for (const role of Object.values(account.iam.roles)) if (role.attachedPolicyArns.includes(policyArn)) count += 1;
  }
  return count;
}

// ---------- service-linked role deletion ----------

function isUnfinished(task: DeletionTask): boolean {
  return task.outcome === undefined;
}

/** Every maintenance-window task, in every region, that runs as the role (no task role of its own, or this one). */
export function findRoleUsage(account: AccountState, roleArn: string): Array<{ region: string; resources: string[] }> {
  const usage: Array<{ region: string; resources: string[] }> = [];
  for (const region of Object.values(account.regions).sort((a, b) => a.code.localeCompare(b.code))) {
    const resources: string[] = [];
    for (const window of Object.values(region.windows)) {
      for (const task of Object.values(window.tasks)) {
        if (!task.ServiceRoleArn || task.ServiceRoleArn === roleArn) {
          resources.push(`arn:${account.partition}:ssm:${region.code}:${account.accountId}:windowtask/${window.WindowId}/${task.WindowTaskId}`);
        }
      }
    }
    if (resources.length > 0) usage.push({ region: region.code, resources });
  }
  return usage;
}

function describeFailure(roleName: string, usage: Array<{ region: string; resources: string[] }>): string {
  const taskCount = usage.reduce((total, entry) => total + entry.resources.length, 0);
  return (
    `Service-linked role ${roleName} cannot be deleted: ${taskCount} maintenance window task${taskCount === 1 ? '' : 's'} ` +
    `in ${usage.length} region${usage.length === 1 ? '' : 's'} rely on it. Give each task its own service role or ` +
    'deregister it, then delete the role again.'
  );
}

/** True when some deletion task is due for its decision or its purge: the cheap check before a mutation. */
export function hasDueDeletionWork(state: SandboxState, nowMs: number, timings: DeletionTimings): boolean {
  for (const account of Object.values(state.accounts)) {
    for (const task of Object.values(account.iam.deletionTasks)) {
      if (!task.outcome && nowMs >= task.decideAtMs) return true;
      if (task.outcome && nowMs >= task.outcome.decidedAtMs + timings.purgeAfterMs) return true;
    }
  }
  return false;
}

/**
 * Decides deletion tasks whose time has come (from the state as it is now) and purges old decided ones. Decisions
 * are taken lazily, on the next request, so no timer is needed and a restart loses nothing.
 */
export function settleDeletionTasks(state: SandboxState, nowMs: number, timings: DeletionTimings): void {
  for (const account of Object.values(state.accounts)) {
    for (const task of Object.values(account.iam.deletionTasks)) {
      if (!task.outcome && nowMs >= task.decideAtMs) {
        const role = account.iam.roles[task.roleName];
        const usage = role ? findRoleUsage(account, role.arn) : [];
        if (usage.length > 0) {
          task.outcome = {
            status: 'FAILED',
            decidedAtMs: task.decideAtMs,
            reason: describeFailure(task.roleName, usage),
            roleUsageList: usage,
          };
        } else {
          task.outcome = { status: 'SUCCEEDED', decidedAtMs: task.decideAtMs };
          delete account.iam.roles[task.roleName];
        }
      }
      if (task.outcome && nowMs >= task.outcome.decidedAtMs + timings.purgeAfterMs) {
        delete account.iam.deletionTasks[task.deletionTaskId];
      }
    }
  }
}

// ---------- operations ----------

function getRole(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const roleName = readRoleName(input);
  return ctx.store.read((state) => ({ Role: toRoleDetail(requireRole(getAccount(state, ctx.accountId), roleName)) }));
}

function listRoles(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const pathPrefix =
    readString(input, 'PathPrefix', { min: 1, max: 512, pattern: PATH_PREFIX_PATTERN, patternText: '\\u002F[\\u0021-\\u007F]*' }) ?? '/';
  return ctx.store.read((state) => {
    const roles = Object.values(getAccount(state, ctx.accountId).iam.roles)
      .filter((role) => role.path.startsWith(pathPrefix))
      .sort((a, b) => (a.roleName < b.roleName ? -1 : a.roleName > b.roleName ? 1 : 0));
    const { page, marker } = paginate(roles, (role) => role.roleName, input);
    return { Roles: page.map(toRoleSummary), ...truncation(marker) };
  });
}

async function createRole(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  const path = readString(input, 'Path', { min: 1, max: 512, pattern: PATH_PATTERN, patternText: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' }) ?? '/';
  const document = readPolicyDocument(input, 'AssumeRolePolicyDocument', 2048);
  const description = readDescription(input);
  const maxSessionDuration = readInteger(input, 'MaxSessionDuration', 3600, 43200);
  const tags = readTags(input);
  if (path.startsWith('/aws-service-role/')) {
    throw new SandboxError('InvalidInput', `The path ${path} is reserved for service-linked roles created by AWS services.`, 400);
  }
  return ctx.store.mutate((state) => {
    const account = getAccount(state, ctx.accountId);
    if (findRole(account, roleName)) throw new SandboxError('EntityAlreadyExists', `Role with name ${roleName} already exists.`, 409);
    const role = createRoleRecord({
      accountId: ctx.accountId,
      partition: ctx.partition,
      roleName,
      path,
      createDate: new Date(ctx.nowMs).toISOString(),
      assumeRolePolicyDocument: document,
      description,
      maxSessionDuration,
      tags,
    });
    account.iam.roles[roleName] = role;
    return { Role: toRoleDetail(role) };
  });
}

function readTags(input: Record<string, unknown>): Array<{ Key: string; Value: string }> {
  const raw = input.Tags;
  if (raw === undefined || raw === '') return [];
  if (!Array.isArray(raw)) throw validationError('Tags', JSON.stringify(raw), 'Member must be a list');
  if (raw.length > 50) throw validationError('Tags', `[${raw.length} tags]`, 'Member must have length less than or equal to 50');
  return raw.map((tag: unknown, index) => {
    const entry = (tag ?? {}) as Record<string, unknown>;
    const key = readString(entry, 'Key', { required: true, min: 1, max: 128 });
    const value = readString(entry, 'Value', { required: true, min: 0, max: 256 });
    if (key.startsWith('aws:')) throw new SandboxError('InvalidInput', `Tag ${index + 1}: keys beginning with aws: are reserved.`, 400);
    return { Key: key, Value: value };
  });
}

async function createServiceLinkedRole(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const serviceName = readString(input, 'AWSServiceName', { required: true, min: 1, max: 128, pattern: /^[\w+=,.@-]+$/ });
  const description = readDescription(input);
  const customSuffix = readString(input, 'CustomSuffix', { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/ });
  if (serviceName !== SERVICE_PRINCIPAL) {
    throw new SandboxError('InvalidInput', `Invalid service name ${serviceName}: this account can only create the ${ROLE_NAME} role for ${SERVICE_PRINCIPAL}.`, 400);
  }
  if (customSuffix !== undefined) {
    throw new SandboxError('InvalidInput', `Custom suffix is not allowed for ${SERVICE_PRINCIPAL}.`, 400);
  }
  return ctx.store.mutate((state) => {
    const account = getAccount(state, ctx.accountId);
    if (findRole(account, ROLE_NAME)) {
      throw new SandboxError(
        'InvalidInput',
        `Service role name ${ROLE_NAME} has been taken in this account, please try a different suffix.`,
        400,
      );
    }
    const role = createServiceLinkedRoleRecord(ctx.accountId, new Date(ctx.nowMs).toISOString(), description, ctx.partition);
    account.iam.roles[role.roleName] = role;
    return { Role: toRoleDetail(role) };
  });
}

async function updateRole(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  const description = readDescription(input);
  const maxSessionDuration = readInteger(input, 'MaxSessionDuration', 3600, 43200);
  return ctx.store.mutate((state) => {
    const role = requireRole(getAccount(state, ctx.accountId), roleName);
    if (maxSessionDuration !== undefined) {
      assertModifiable(role);
      role.maxSessionDuration = maxSessionDuration;
    }
    if (description !== undefined) role.description = description;
    return {};
  });
}

async function updateRoleDescription(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  const description = readDescription(input);
  if (description === undefined) throw validationError('Description', undefined, 'Member must not be null');
  return ctx.store.mutate((state) => {
    const role = requireRole(getAccount(state, ctx.accountId), roleName);
    role.description = description;
    return { Role: toRoleDetail(role) };
  });
}

async function deleteServiceLinkedRole(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  return ctx.store.mutate((state) => {
    const account = getAccount(state, ctx.accountId);
    const role = requireRole(account, roleName);
    if (!role.isServiceLinked) {
      throw new SandboxError('InvalidInput', `Role ${role.roleName} is not a service-linked role; delete it with DeleteRole.`, 400);
    }
    const unfinished = Object.values(account.iam.deletionTasks).find((task) => task.roleName === role.roleName && isUnfinished(task));
    if (unfinished) return { DeletionTaskId: unfinished.deletionTaskId };
    const deletionTaskId = `task${role.path}${role.roleName}/${randomUUID()}`;
    account.iam.deletionTasks[deletionTaskId] = {
      deletionTaskId,
      roleName: role.roleName,
      createdAtMs: ctx.nowMs,
      startAtMs: ctx.nowMs + ctx.store.timings.startDelayMs,
      decideAtMs: ctx.nowMs + ctx.store.timings.decideDelayMs,
    };
    return { DeletionTaskId: deletionTaskId };
  });
}

function getServiceLinkedRoleDeletionStatus(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const deletionTaskId = readString(input, 'DeletionTaskId', { required: true, min: 1, max: 1000, pattern: DELETION_TASK_ID_PATTERN });
  return ctx.store.read((state) => {
    const task = getAccount(state, ctx.accountId).iam.deletionTasks[deletionTaskId];
    if (!task) throw new SandboxError('NoSuchEntity', `Deletion task ${deletionTaskId} cannot be found.`, 404);
    if (task.outcome) {
      const reason =
        task.outcome.status === 'FAILED'
          ? {
              Reason: task.outcome.reason,
              RoleUsageList: (task.outcome.roleUsageList ?? []).map((entry) => ({ Region: entry.region, Resources: entry.resources })),
            }
          : undefined;
      return { Status: task.outcome.status, Reason: reason };
    }
    return { Status: ctx.nowMs < task.startAtMs ? 'NOT_STARTED' : 'IN_PROGRESS' };
  });
}

function listAttachedRolePolicies(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const roleName = readRoleName(input);
  const pathPrefix = readString(input, 'PathPrefix', { min: 1, max: 512, pattern: PATH_PREFIX_PATTERN }) ?? '/';
  return ctx.store.read((state) => {
    const role = requireRole(getAccount(state, ctx.accountId), roleName);
    const attached = role.attachedPolicyArns
      .map((arn) => {
        const policy = findManagedPolicy(arn);
        return { PolicyName: policy?.policyName ?? arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn, path: policy?.path ?? '/' };
      })
      .filter((entry) => entry.path.startsWith(pathPrefix))
      .sort((a, b) => (a.PolicyArn < b.PolicyArn ? -1 : 1));
    const { page, marker } = paginate(attached, (entry) => entry.PolicyArn, input);
    return { AttachedPolicies: page.map(({ PolicyName, PolicyArn }) => ({ PolicyName, PolicyArn })), ...truncation(marker) };
  });
}

async function attachRolePolicy(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  const policyArn = readPolicyArn(input);
  return ctx.store.mutate((state) => {
    const role = requireRole(getAccount(state, ctx.accountId), roleName);
    assertModifiable(role);
    const policy = isArnOfPartition(policyArn, ctx.partition) ? findManagedPolicy(policyArn) : undefined;
    if (!policy || !policy.isAttachable) {
      throw new SandboxError('NoSuchEntity', `Policy ${policyArn} does not exist or is not attachable.`, 404);
    }
    if (role.attachedPolicyArns.includes(policyArn)) return undefined;
    if (role.attachedPolicyArns.length >= MAX_MANAGED_POLICIES_PER_ROLE) {
      throw new SandboxError('LimitExceeded', `Cannot exceed quota for PoliciesPerRole: ${MAX_MANAGED_POLICIES_PER_ROLE}`, 409);
    }
    role.attachedPolicyArns.push(policyArn);
    return undefined;
  });
}

async function detachRolePolicy(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  const policyArn = readPolicyArn(input);
  return ctx.store.mutate((state) => {
    const role = requireRole(getAccount(state, ctx.accountId), roleName);
    assertModifiable(role);
    if (!role.attachedPolicyArns.includes(policyArn)) throw new SandboxError('NoSuchEntity', `Policy ${policyArn} was not found.`, 404);
    role.attachedPolicyArns = role.attachedPolicyArns.filter((arn) => arn !== policyArn);
    return undefined;
  });
}

async function putRolePolicy(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  const policyName = readString(input, 'PolicyName', { required: true, min: 1, max: 128, pattern: POLICY_NAME_PATTERN, patternText: '[\\w+=,.@-]+' });
  const document = readPolicyDocument(input, 'PolicyDocument', 10_240);
  return ctx.store.mutate((state) => {
    const role = requireRole(getAccount(state, ctx.accountId), roleName);
    assertModifiable(role);
    role.inlinePolicies[policyName] = document;
    return undefined;
  });
}

async function updateAssumeRolePolicy(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  const document = readPolicyDocument(input, 'PolicyDocument', 2048);
  return ctx.store.mutate((state) => {
    const role = requireRole(getAccount(state, ctx.accountId), roleName);
    assertModifiable(role);
    role.assumeRolePolicyDocument = document;
    return undefined;
  });
}

async function deleteRole(ctx: HandlerContext, input: Record<string, unknown>): Promise<unknown> {
  const roleName = readRoleName(input);
  return ctx.store.mutate((state) => {
    const account = getAccount(state, ctx.accountId);
    const role = requireRole(account, roleName);
    assertModifiable(role);
    if (role.attachedPolicyArns.length > 0) {
      throw new SandboxError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
    }
    if (Object.keys(role.inlinePolicies).length > 0) {
      throw new SandboxError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
    }
    delete account.iam.roles[role.roleName];
    return undefined;
  });
}

function getPolicy(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const policyArn = readPolicyArn(input);
  if (!POLICY_ARN_PATTERN.test(policyArn)) throw new SandboxError('InvalidInput', `ARN ${policyArn} is not valid.`, 400);
  const policy = requirePolicy(policyArn, ctx.partition);
  const arn = toPartitionArn(policy.arn, ctx.partition);
  const attachmentCount = ctx.store.read((state) => countAttachments(state, arn));
  return {
    Policy: {
      PolicyName: policy.policyName,
      PolicyId: policy.policyId,
      Arn: arn,
      Path: policy.path,
      DefaultVersionId: policy.defaultVersionId,
      AttachmentCount: attachmentCount,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: policy.isAttachable,
      Description: policy.description,
      CreateDate: toIamDate(policy.createDate),
      UpdateDate: toIamDate(policy.updateDate),
    },
  };
}

function getPolicyVersion(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const policyArn = readPolicyArn(input);
  const versionId = readString(input, 'VersionId', { required: true, pattern: VERSION_ID_PATTERN, patternText: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' });
  const policy = requirePolicy(policyArn, ctx.partition);
  const version = policy.versions.find((candidate) => candidate.versionId === versionId);
  if (!version) throw new SandboxError('NoSuchEntity', `Policy ${policyArn} version ${versionId} does not exist or is not attachable.`, 404);
  return {
    PolicyVersion: {
      Document: encodeURIComponent(JSON.stringify(version.document, null, 4)),
      VersionId: version.versionId,
      IsDefaultVersion: version.versionId === policy.defaultVersionId,
      CreateDate: toIamDate(version.createDate),
    },
  };
}

function listPolicyVersions(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const policyArn = readPolicyArn(input);
  const policy = requirePolicy(policyArn, ctx.partition);
  // Newest first, as IAM lists them; the marker key sorts that order (zero-padded, descending).
  const versions = policy.versions.map((version) => ({ version, key: String(1e9 - Number(version.versionId.slice(1).split('.')[0])).padStart(10, '0') }));
  const { page, marker } = paginate(versions, (entry) => entry.key, input);
  return {
    Versions: page.map(({ version }) => ({
      VersionId: version.versionId,
      IsDefaultVersion: version.versionId === policy.defaultVersionId,
      CreateDate: toIamDate(version.createDate),
    })),
    ...truncation(marker),
  };
}

// ---------- policy simulation ----------

const SOURCE_ARN_PATTERN = /^arn:aws[\w-]*:iam::(\d{12}):(user|role|group)(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]+)$/;

interface SimulationPolicy {
  policyId: string;
  policyType: 'aws-managed' | 'user-managed' | 'role' | 'user';
  document: unknown;
}

interface SimulationStatement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

function readStringList(input: Record<string, unknown>, field: string, min: number, max: number, required: boolean): string[] {
  const raw = input[field];
  if (raw === undefined) {
    if (required) throw validationError(field, undefined, 'Member must not be null');
    return [];
  }
  // An empty list travels as `Field=`.
  if (raw === '') return [];
  const items = Array.isArray(raw) ? raw : [raw];
  return items.map((item, index) => {
    if (typeof item !== 'string') throw validationError(`${field}.${index + 1}`, JSON.stringify(item), 'Member must be a string');
    if (item.length < min) throw validationError(`${field}.${index + 1}`, item, `Member must have length greater than or equal to ${min}`);
    if (item.length > max) throw validationError(`${field}.${index + 1}`, item, `Member must have length less than or equal to ${max}`);
    return item;
  });
}

function toList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** IAM's wildcards: `*` any run of characters, `?` one character. */
function matchesWildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function matchesAction(statement: SimulationStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !toList(statement.NotAction).some((pattern) => matchesWildcard(pattern, action, true));
  return toList(statement.Action).some((pattern) => matchesWildcard(pattern, action, true));
}

/** A simulation of resource `*` stands for every resource, so any Resource element applies to it. */
function matchesResource(statement: SimulationStatement, resource: string): boolean {
  if (statement.NotResource !== undefined) {
    return resource !== '*' && !toList(statement.NotResource).some((pattern) => matchesWildcard(pattern, resource, false));
  }
  if (statement.Resource === undefined || resource === '*') return true;
  return toList(statement.Resource).some((pattern) => matchesWildcard(pattern, resource, false));
}

function statementsOf(document: unknown): SimulationStatement[] {
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  if (statements === undefined) return [];
  return (Array.isArray(statements) ? statements : [statements]).filter(
    (statement): statement is SimulationStatement => typeof statement === 'object' && statement !== null,
  );
}

/**
 * One action on one resource under the principal's identity policies: an explicit Deny wins, then an Allow,
 * else an implicit deny. No context entries are taken, so a statement with a Condition never applies and its
 * keys are reported as missing context values.
 */
function evaluateAction(policies: SimulationPolicy[], action: string, resource: string): Record<string, unknown> {
  const allows: Array<Record<string, unknown>> = [];
  const denies: Array<Record<string, unknown>> = [];
  const missingContextValues = new Set<string>();
  for (const policy of policies) {
    for (const statement of statementsOf(policy.document)) {
      if (!matchesAction(statement, action) || !matchesResource(statement, resource)) continue;
      if (statement.Condition && typeof statement.Condition === 'object' && Object.keys(statement.Condition).length > 0) {
        for (const operator of Object.values(statement.Condition as Record<string, unknown>)) {
          if (operator && typeof operator === 'object') for (const key of Object.keys(operator)) missingContextValues.add(key);
        }
        continue;
      }
      const matched = { SourcePolicyId: policy.policyId, SourcePolicyType: policy.policyType };
      if (statement.Effect === 'Deny') denies.push(matched);
      else if (statement.Effect === 'Allow') allows.push(matched);
    }
  }
  const decision = denies.length > 0 ? 'explicitDeny' : allows.length > 0 ? 'allowed' : 'implicitDeny';
  return {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: decision,
    MatchedStatements: decision === 'explicitDeny' ? denies : decision === 'allowed' ? allows : [],
    MissingContextValues: [...missingContextValues].sort(),
  };
}

/** The default versions of the managed policies the catalogue knows among `arns`. */
function getManagedSimulationPolicies(arns: readonly string[]): SimulationPolicy[] {
  return arns.flatMap((arn): SimulationPolicy[] => {
    const policy = findManagedPolicy(arn);
    const version = policy?.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
    return policy && version ? [{ policyId: policy.policyName, policyType: 'aws-managed', document: version.document }] : [];
  });
}

/** The identity policies of a user or role of the account named by its ARN (path included), as IAM resolves them. */
function getSimulationPolicies(state: SandboxState, accountId: string, policySourceArn: string): SimulationPolicy[] {
  const match = SOURCE_ARN_PATTERN.exec(policySourceArn);
  if (!match) throw new SandboxError('InvalidInput', `ARN ${policySourceArn} is not valid.`, 400);
  const [, sourceAccountId = '', kind = '', path = '/', name = ''] = match;
  const notFound = new SandboxError('NoSuchEntity', `The ${kind} with name ${name} cannot be found.`, 404);
  if (sourceAccountId !== accountId) throw notFound;
  if (kind === 'user') {
    // The only user is the sandbox caller, an administrator of the management account.
    if (accountId !== MANAGEMENT_ACCOUNT_ID || path !== '/' || name !== SANDBOX_CALLER_USER_NAME) throw notFound;
    return getManagedSimulationPolicies([ADMINISTRATOR_ACCESS_POLICY_ARN]);
  }
  if (kind === 'group') throw notFound;
  const role = findRole(getAccount(state, accountId), name);
  if (!role || role.path !== path) throw notFound;
  const managed = getManagedSimulationPolicies(role.attachedPolicyArns);
  const inline = Object.entries(role.inlinePolicies).flatMap(([policyName, text]): SimulationPolicy[] => {
    try {
      return [{ policyId: policyName, policyType: 'role', document: JSON.parse(text) }];
    } catch {
      return [];
    }
  });
  return [...inline, ...managed];
}

function simulatePrincipalPolicy(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const policySourceArn = readString(input, 'PolicySourceArn', { required: true, min: 20, max: 2048 });
  const actionNames = readStringList(input, 'ActionNames', 3, 128, true);
  const resourceArns = readStringList(input, 'ResourceArns', 1, 2048, false);
  return ctx.store.read((state) => {
    const policies = getSimulationPolicies(state, ctx.accountId, policySourceArn);
    const resources = resourceArns.length > 0 ? resourceArns : ['*'];
    const results = actionNames.flatMap((action) => resources.map((resource) => evaluateAction(policies, action, resource)));
    // Results keep the request's order; the marker is the position of the last one served.
    const keyed = results.map((result, index) => ({ result, key: String(index).padStart(10, '0') }));
    const { page, marker } = paginate(keyed, (entry) => entry.key, input);
    return { EvaluationResults: page.map((entry) => entry.result), ...truncation(marker) };
  });
}

export const iamService: ServiceDefinition = {
  service: 'iam',
  operations: {
    GetRole: getRole,
    ListRoles: listRoles,
    CreateRole: createRole,
    CreateServiceLinkedRole: createServiceLinkedRole,
    UpdateRole: updateRole,
    UpdateRoleDescription: updateRoleDescription,
    DeleteServiceLinkedRole: deleteServiceLinkedRole,
    GetServiceLinkedRoleDeletionStatus: getServiceLinkedRoleDeletionStatus,
    ListAttachedRolePolicies: listAttachedRolePolicies,
    AttachRolePolicy: attachRolePolicy,
    DetachRolePolicy: detachRolePolicy,
    PutRolePolicy: putRolePolicy,
    UpdateAssumeRolePolicy: updateAssumeRolePolicy,
    DeleteRole: deleteRole,
    GetPolicy: getPolicy,
    GetPolicyVersion: getPolicyVersion,
    ListPolicyVersions: listPolicyVersions,
    SimulatePrincipalPolicy: simulatePrincipalPolicy,
  },
};

/** The managed policies the catalogue serves, for health output and tests. */
export const MANAGED_POLICY_ARNS = MANAGED_POLICIES.map((policy) => policy.arn);
