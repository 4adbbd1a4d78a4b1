'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAttempt } from '@/lib/activity/context';
import { getLastAudit, markAuditStale } from '@/lib/audit/store';
import { getAwsClients } from '@/lib/aws/clients';
import { AwsError, isTransientError, toAwsError } from '@/lib/aws/errors';
import { listRolesTrustingService } from '@/lib/aws/iam';
import { createMaintenanceWindowRole, createServiceLinkedRole, updateServiceLinkedRoleDescription } from '@/lib/aws/iam-lifecycle';
import {
  deleteAssociation,
  deleteResourceDataSync,
  deregisterMaintenanceWindowTask,
  updateMaintenanceWindowTaskRole,
} from '@/lib/aws/ssm-maintenance';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getDeletionTracker } from '@/lib/deletion';
import { getPollDelayMs, isFinished, isLongRunning, type DeletionRecord } from '@/lib/deletion/machine';
import { buildDeletionPlan } from '@/lib/deletion/plan';
import type { ActionResult, DeletionView, ItemOutcome } from '@/lib/deletion/types';
import { ROLE_NAME, SERVICE_PRINCIPAL, getRoleArn } from '@/lib/role/constants';
import { authorizeAction, hasSession } from '@/lib/security/guard';
import {
  descriptionSchema,
  parseInput,
  regionCodeSchema,
  roleArnSchema,
  roleArnSchemaFor,
  roleNameSchema,
  windowIdSchema,
  windowTaskIdSchema,
} from '@/lib/validation/schemas';

// The delete wizard's changes, and the role's create and describe. Each action: authorise, validate, call lib,
// record the attempt (success, failure or refusal, except a refusal for want of a session), mark the audit stale,
// revalidate, answer with a value.

const IAM_REGION = 'global';

type Refusal = { ok: false; message: string; fieldErrors?: Record<string, string[]> };

async function refuse(
  operation: string,
  region: string,
  subject: string,
  parameters: Record<string, unknown>,
  refusal: Refusal,
): Promise<Refusal> {
  await recordAttempt({ operation, region, subject, parameters, result: 'refused', message: refusal.message });
  return refusal;
}

/**
 * A refusal by the access guard. Refusals of signed-in visitors (read-only mode) are recorded; one for want of a
 * valid session is not, since anyone who can reach the server could send those and fill the log with them.
 */
async function refuseUnauthorized(
  operation: string,
  region: string,
  subject: string,
  parameters: Record<string, unknown>,
  refusal: Refusal,
): Promise<Refusal> {
  if (!(await hasSession())) return refusal;
  return refuse(operation, region, subject, parameters, refusal);
}

function describeAwsFailure(error: AwsError): string {
  const requestId = error.requestId ? ` (request id ${error.requestId})` : '';
  return `${error.code}: ${error.message}${requestId}`;
}

async function afterChange(reason: string): Promise<void> {
  await markAuditStale(reason);
  revalidatePath('/', 'layout');
}

// ---------- blockers: maintenance-window tasks ----------

const taskRefSchema = z.object({
  arn: z.string().min(1).max(2048),
  region: regionCodeSchema,
  windowId: windowIdSchema,
  windowTaskId: windowTaskIdSchema,
});

type TaskRef = z.infer<typeof taskRefSchema>;

interface TaskCleanup {
  operation: 'UpdateMaintenanceWindowTask' | 'DeregisterTaskFromMaintenanceWindow';
  getParameters: (task: TaskRef) => Record<string, string>;
  run: (task: TaskRef) => Promise<{ requestId?: string }>;
  successMessage: string;
  /** What to say when the task is already gone; other failures are described as AWS reported them. */
  notFoundMessage?: string;
}

/** Applies one clean-up call to each task in turn, recording every outcome; a failure never stops the others. */
async function cleanUpTasks(tasks: TaskRef[], cleanup: TaskCleanup): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  for (const task of tasks) {
    const parameters = cleanup.getParameters(task);
    const attempt = { operation: cleanup.operation, region: task.region, subject: task.arn, parameters };
    try {
      const result = await cleanup.run(task);
      await recordAttempt({ ...attempt, result: 'succeeded', message: cleanup.successMessage, ...result });
      outcomes.push({ key: task.arn, ok: true, message: cleanup.successMessage, ...result });
    } catch (error) {
      const failure = toAwsError(error);
      const isTransient = isTransientError(failure);
      const message =
        failure.kind === 'not-found' && cleanup.notFoundMessage
          ? cleanup.notFoundMessage
          : isTransient
            ? `Systems Manager may be using the role right now (${failure.code}). This usually clears within minutes.`
            : describeAwsFailure(failure);
      const requestId = failure.requestId ? { requestId: failure.requestId } : {};
      await recordAttempt({ ...attempt, result: 'failed', message: describeAwsFailure(failure), ...requestId });
      outcomes.push({ key: task.arn, ok: false, message, isTransient, ...requestId });
    }
  }
  return outcomes;
}

const moveTasksSchema = z.object({
  roleArn: roleArnSchema,
  tasks: z.array(taskRefSchema).min(1, { error: 'Choose at least one task.' }).max(200),
  isConfirmed: z.literal(true, { error: 'Confirm the change first.' }),
});

/** Moves maintenance-window tasks to a custom role: UpdateMaintenanceWindowTask with only the role changed. */
export async function moveTasksToRoleAction(input: unknown): Promise<ActionResult<{ outcomes: ItemOutcome[] }>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('UpdateMaintenanceWindowTask', 'multiple', 'maintenance-window tasks', {}, authorization);
  const parsed = parseInput(moveTasksSchema, input);
  if (!parsed.ok) return refuse('UpdateMaintenanceWindowTask', 'multiple', 'maintenance-window tasks', {}, parsed);
  const { roleArn, tasks } = parsed.data;

  const identity = await getCallerIdentity();
  const ofThisAccount = parseInput(z.object({ roleArn: roleArnSchemaFor(identity.accountId, identity.partition) }), { roleArn });
  if (!ofThisAccount.ok) return refuse('UpdateMaintenanceWindowTask', 'multiple', roleArn, { roleArn }, ofThisAccount);
  if (roleArn === getRoleArn(identity.partition, identity.accountId) || roleArn.endsWith(`/${ROLE_NAME}`)) {
    return refuse('UpdateMaintenanceWindowTask', 'multiple', roleArn, { roleArn }, {
      ok: false,
      message: 'Choose a custom role: a task moved to the service-linked role would still keep it in use.',
      fieldErrors: { roleArn: ['Choose a custom role, not the service-linked role.'] },
    });
  }
  // Only a role of this account that Systems Manager can assume makes sense here.
  const candidates = await listRolesTrustingService(getAwsClients().iam(), SERVICE_PRINCIPAL);
  const role = candidates.find((candidate) => candidate.arn === roleArn);
  if (!role) {
    return refuse('UpdateMaintenanceWindowTask', 'multiple', roleArn, { roleArn }, {
      ok: false,
      message: `${roleArn} is not a role of account ${identity.accountId} that trusts ssm.amazonaws.com. Nothing was changed.`,
      fieldErrors: { roleArn: ['Choose one of the listed roles.'] },
    });
  }

  const outcomes = await cleanUpTasks(tasks, {
    operation: 'UpdateMaintenanceWindowTask',
    getParameters: (task) => ({ WindowId: task.windowId, WindowTaskId: task.windowTaskId, ServiceRoleArn: roleArn }),
    run: (task) => updateMaintenanceWindowTaskRole(getAwsClients().ssm(task.region), task, roleArn),
    successMessage: `Moved to ${role.roleName}.`,
  });
  if (outcomes.some((outcome) => outcome.ok)) await afterChange('Maintenance-window tasks were moved to a custom role after this scan');
  return { ok: true, data: { outcomes } };
}

const deregisterTasksSchema = z.object({
  tasks: z.array(taskRefSchema).min(1, { error: 'Choose at least one task.' }).max(200),
  isConfirmed: z.literal(true, { error: 'Confirm the deregistration first.' }),
});

export async function deregisterTasksAction(input: unknown): Promise<ActionResult<{ outcomes: ItemOutcome[] }>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('DeregisterTaskFromMaintenanceWindow', 'multiple', 'maintenance-window tasks', {}, authorization);
  const parsed = parseInput(deregisterTasksSchema, input);
  if (!parsed.ok) return refuse('DeregisterTaskFromMaintenanceWindow', 'multiple', 'maintenance-window tasks', {}, parsed);

  const outcomes = await cleanUpTasks(parsed.data.tasks, {
    operation: 'DeregisterTaskFromMaintenanceWindow',
    getParameters: (task) => ({ WindowId: task.windowId, WindowTaskId: task.windowTaskId }),
    run: (task) => deregisterMaintenanceWindowTask(getAwsClients().ssm(task.region), task),
    successMessage: 'Deregistered from its maintenance window.',
    notFoundMessage: 'The task no longer exists (already deregistered?). Rescan to refresh the list.',
  });
  if (outcomes.some((outcome) => outcome.ok)) await afterChange('Maintenance-window tasks were deregistered after this scan');
  return { ok: true, data: { outcomes } };
}

const createMaintenanceWindowRoleSchema = z.object({
  roleName: roleNameSchema,
  isConfirmed: z.literal(true, { error: 'Confirm the creation of the role first.' }),
});

/** A custom maintenance-window role: CreateRole trusting ssm.amazonaws.com, then AttachRolePolicy. */
export async function createMaintenanceWindowRoleAction(input: unknown): Promise<ActionResult<{ roleName: string; arn: string; warning?: string }>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('CreateRole', IAM_REGION, 'maintenance-window role', {}, authorization);
  const parsed = parseInput(createMaintenanceWindowRoleSchema, input);
  if (!parsed.ok) return refuse('CreateRole', IAM_REGION, 'maintenance-window role', {}, parsed);
  const { roleName } = parsed.data;
  const identity = await getCallerIdentity();
  try {
    const created = await createMaintenanceWindowRole(getAwsClients().iam(), roleName, identity.partition);
    await recordAttempt({
      operation: 'CreateRole',
      region: IAM_REGION,
      subject: created.role.arn,
      parameters: { RoleName: roleName, Path: '/', TrustedService: SERVICE_PRINCIPAL },
      result: 'succeeded',
      message: `Created ${roleName}, trusted by ${SERVICE_PRINCIPAL}.`,
      ...(created.createRequestId ? { requestId: created.createRequestId } : {}),
    });
    let warning: string | undefined;
    if (created.attachError) {
      warning = `The role was created, but AmazonSSMMaintenanceWindowRole could not be attached: ${describeAwsFailure(created.attachError)}. Attach it before moving tasks to the role.`;
      await recordAttempt({ operation: 'AttachRolePolicy', region: IAM_REGION, subject: created.role.arn, parameters: { RoleName: roleName }, result: 'failed', message: warning, ...(created.attachError.requestId ? { requestId: created.attachError.requestId } : {}) });
    } else {
      await recordAttempt({ operation: 'AttachRolePolicy', region: IAM_REGION, subject: created.role.arn, parameters: { RoleName: roleName, PolicyName: 'AmazonSSMMaintenanceWindowRole' }, result: 'succeeded', message: 'Attached AmazonSSMMaintenanceWindowRole.', ...(created.attachRequestId ? { requestId: created.attachRequestId } : {}) });
    }
    revalidatePath('/', 'layout');
    return { ok: true, data: { roleName: created.role.roleName, arn: created.role.arn, ...(warning ? { warning } : {}) } };
  } catch (error) {
    const failure = toAwsError(error);
    const message =
      failure.code === 'EntityAlreadyExists' || failure.code === 'EntityAlreadyExistsException'
        ? `A role named ${roleName} already exists in this account. Choose it in the list, or pick another name.`
        : `The role could not be created: ${describeAwsFailure(failure)}`;
    await recordAttempt({ operation: 'CreateRole', region: IAM_REGION, subject: roleName, parameters: { RoleName: roleName }, result: 'failed', message, ...(failure.requestId ? { requestId: failure.requestId } : {}) });
    return { ok: false, message, fieldErrors: { roleName: [message] } };
  }
}

// ---------- data impact: inventory associations and data syncs ----------

const removeAssociationSchema = z.object({
  region: regionCodeSchema,
  associationId: z.string().regex(/^[0-9a-fA-F-]{36}$/, { error: 'Association id must be a UUID.' }),
  isConfirmed: z.literal(true, { error: 'Confirm the removal first.' }),
});

export async function removeInventoryAssociationAction(input: unknown): Promise<ActionResult<ItemOutcome>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('DeleteAssociation', 'unknown', 'inventory association', {}, authorization);
  const parsed = parseInput(removeAssociationSchema, input);
  if (!parsed.ok) return refuse('DeleteAssociation', 'unknown', 'inventory association', {}, parsed);
  const { region, associationId } = parsed.data;
  try {
    const result = await deleteAssociation(getAwsClients().ssm(region), associationId);
    const message = 'Inventory association removed.';
    await recordAttempt({ operation: 'DeleteAssociation', region, subject: associationId, parameters: { AssociationId: associationId }, result: 'succeeded', message, ...result });
    await afterChange('An inventory association was removed after this scan');
    return { ok: true, data: { key: associationId, ok: true, message, ...result } };
  } catch (error) {
    const failure = toAwsError(error);
    const isTransient = isTransientError(failure);
    const message = isTransient ? `Systems Manager may be using the role right now (${failure.code}). Wait a few minutes and try again.` : describeAwsFailure(failure);
    await recordAttempt({ operation: 'DeleteAssociation', region, subject: associationId, parameters: { AssociationId: associationId }, result: 'failed', message: describeAwsFailure(failure), ...(failure.requestId ? { requestId: failure.requestId } : {}) });
    return { ok: true, data: { key: associationId, ok: false, message, isTransient } };
  }
}

const removeDataSyncSchema = z.object({
  region: regionCodeSchema,
  syncName: z.string().min(1).max(64).regex(/^[a-zA-Z0-9_\-.]+$/, { error: 'Sync name may contain letters, digits, _ - and .' }),
  syncType: z.string().max(64).regex(/^[A-Za-z]*$/).optional(),
  isConfirmed: z.literal(true, { error: 'Confirm the removal first.' }),
});

export async function removeDataSyncAction(input: unknown): Promise<ActionResult<ItemOutcome>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('DeleteResourceDataSync', 'unknown', 'resource data sync', {}, authorization);
  const parsed = parseInput(removeDataSyncSchema, input);
  if (!parsed.ok) return refuse('DeleteResourceDataSync', 'unknown', 'resource data sync', {}, parsed);
  const { region, syncName, syncType } = parsed.data;
  const parameters = { SyncName: syncName, ...(syncType ? { SyncType: syncType } : {}) };
  try {
    const result = await deleteResourceDataSync(getAwsClients().ssm(region), syncName, syncType || undefined);
    const message = 'Resource data sync removed.';
    await recordAttempt({ operation: 'DeleteResourceDataSync', region, subject: syncName, parameters, result: 'succeeded', message, ...result });
    await afterChange('A resource data sync was removed after this scan');
    return { ok: true, data: { key: `${region}/${syncName}`, ok: true, message, ...result } };
  } catch (error) {
    const failure = toAwsError(error);
    const message = describeAwsFailure(failure);
    await recordAttempt({ operation: 'DeleteResourceDataSync', region, subject: syncName, parameters, result: 'failed', message, ...(failure.requestId ? { requestId: failure.requestId } : {}) });
    return { ok: true, data: { key: `${region}/${syncName}`, ok: false, message, isTransient: isTransientError(failure) } };
  }
}

// ---------- deletion ----------

function toView(record: DeletionRecord | null): DeletionView {
  return {
    record,
    nextPollInMs: record && !isFinished(record) ? getPollDelayMs(record) : null,
    isLongRunning: record ? isLongRunning(record, new Date()) : false,
  };
}

const startDeletionSchema = z.object({
  confirmRoleName: z.string().max(200),
  hasAcknowledgedDataImpact: z.boolean(),
});

/** DeleteServiceLinkedRole, only after the role's name was typed exactly. The task id is stored before any poll. */
export async function startDeletionAction(input: unknown): Promise<ActionResult<DeletionView>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('DeleteServiceLinkedRole', IAM_REGION, ROLE_NAME, { RoleName: ROLE_NAME }, authorization);
  const parsed = parseInput(startDeletionSchema, input);
  if (!parsed.ok) return refuse('DeleteServiceLinkedRole', IAM_REGION, ROLE_NAME, { RoleName: ROLE_NAME }, parsed);
  const { confirmRoleName, hasAcknowledgedDataImpact } = parsed.data;

  if (confirmRoleName !== ROLE_NAME) {
    const typed = confirmRoleName.trim() === '' ? 'nothing' : `“${confirmRoleName}”`;
    const message = `The name you typed (${typed}) does not match ${ROLE_NAME} exactly. Nothing was deleted.`;
    return refuse('DeleteServiceLinkedRole', IAM_REGION, ROLE_NAME, { RoleName: ROLE_NAME, typedName: confirmRoleName }, {
      ok: false,
      message,
      fieldErrors: { confirmRoleName: [`Type ${ROLE_NAME} exactly, with the same capital letters.`] },
    });
  }
  const audit = await getLastAudit();
  const plan = audit ? buildDeletionPlan(audit) : null;
  const hasDataImpact = plan !== null && plan.inventory.length + plan.dataSyncs.length > 0;
  if (hasDataImpact && !hasAcknowledgedDataImpact) {
    return refuse('DeleteServiceLinkedRole', IAM_REGION, ROLE_NAME, { RoleName: ROLE_NAME }, {
      ok: false,
      message: 'Acknowledge the data impact (inventory and data syncs that will stop) before deleting. Nothing was deleted.',
    });
  }

  const tracker = await getDeletionTracker();
  try {
    const record = await tracker.start();
    const isSameTask = record.timeline.at(-1)?.kind === 'same-task';
    const message = isSameTask
      ? `A deletion was already in progress; following task ${record.deletionTaskId}.`
      : `Deletion task ${record.deletionTaskId} started (round ${record.round}).`;
    await recordAttempt({
      operation: 'DeleteServiceLinkedRole',
      region: IAM_REGION,
      subject: ROLE_NAME,
      parameters: { RoleName: ROLE_NAME },
      result: 'succeeded',
      message,
      ...(record.timeline.at(-1)?.requestId ? { requestId: record.timeline.at(-1)?.requestId } : {}),
    });
    await afterChange('The service-linked role deletion was started after this scan');
    return { ok: true, data: toView(record) };
  } catch (error) {
    const failure = toAwsError(error);
    const message =
      failure.kind === 'not-found'
        ? `${ROLE_NAME} does not exist in this account: there is nothing to delete.`
        : `IAM refused the deletion: ${describeAwsFailure(failure)}`;
    await recordAttempt({ operation: 'DeleteServiceLinkedRole', region: IAM_REGION, subject: ROLE_NAME, parameters: { RoleName: ROLE_NAME }, result: 'failed', message, ...(failure.requestId ? { requestId: failure.requestId } : {}) });
    return { ok: false, message };
  }
}

/** One poll of the tracked deletion (GetServiceLinkedRoleDeletionStatus, and GetRole to confirm). */
export async function pollDeletionAction(): Promise<ActionResult<DeletionView>> {
  const authorization = await authorizeAction({ mutates: false });
  if (!authorization.ok) return authorization;
  const tracker = await getDeletionTracker();
  const { record, hasJustFinished } = await tracker.pollAndReport();
  if (record && hasJustFinished) {
    // The outcome of the deletion is part of the change's record.
    const isSucceeded = record.phase === 'succeeded';
    const usage = record.failure?.usage ?? [];
    await recordAttempt({
      operation: 'GetServiceLinkedRoleDeletionStatus',
      region: IAM_REGION,
      subject: record.deletionTaskId,
      parameters: { DeletionTaskId: record.deletionTaskId },
      result: isSucceeded ? 'succeeded' : 'failed',
      message: isSucceeded
        ? `The role is deleted (task ${record.deletionTaskId}, round ${record.round}).`
        : `The deletion FAILED: ${record.failure?.reason ?? 'no reason'}${usage.length > 0 ? ` (in use in ${usage.map((item) => item.region).join(', ')})` : ''}.`,
      ...(record.timeline.at(-1)?.requestId ? { requestId: record.timeline.at(-1)?.requestId } : {}),
    });
    await afterChange(isSucceeded ? 'The service-linked role was deleted after this scan' : 'A deletion attempt failed after this scan');
  }
  return { ok: true, data: toView(record) };
}

// ---------- create and describe ----------

const createRoleSchema = z.object({ description: descriptionSchema.optional() });

/** CreateServiceLinkedRole for ssm.amazonaws.com, with an optional description. */
export async function createServiceLinkedRoleAction(input: unknown): Promise<ActionResult<{ arn: string }>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('CreateServiceLinkedRole', IAM_REGION, ROLE_NAME, { AWSServiceName: SERVICE_PRINCIPAL }, authorization);
  const parsed = parseInput(createRoleSchema, input);
  const lengthOnly = { AWSServiceName: SERVICE_PRINCIPAL, descriptionLength: typeof (input as { description?: unknown })?.description === 'string' ? ((input as { description: string }).description.length) : 0 };
  if (!parsed.ok) return refuse('CreateServiceLinkedRole', IAM_REGION, ROLE_NAME, lengthOnly, parsed);
  const description = parsed.data.description?.trim() ? parsed.data.description : undefined;
  const parameters = { AWSServiceName: SERVICE_PRINCIPAL, ...(description ? { Description: description } : {}) };
  try {
    const created = await createServiceLinkedRole(getAwsClients().iam(), description);
    const message = `Created ${ROLE_NAME}.`;
    await recordAttempt({ operation: 'CreateServiceLinkedRole', region: IAM_REGION, subject: created.arn || ROLE_NAME, parameters, result: 'succeeded', message, ...(created.requestId ? { requestId: created.requestId } : {}) });
    await afterChange('The service-linked role was created after this scan');
    return { ok: true, data: { arn: created.arn } };
  } catch (error) {
    const failure = toAwsError(error);
    const message =
      failure.kind === 'conflict'
        ? `${ROLE_NAME} already exists in this account (IAM says the name “has been taken”). There can be only one; nothing was changed. Reload to see it.`
        : `The role could not be created: ${describeAwsFailure(failure)}`;
    await recordAttempt({ operation: 'CreateServiceLinkedRole', region: IAM_REGION, subject: ROLE_NAME, parameters, result: 'failed', message, ...(failure.requestId ? { requestId: failure.requestId } : {}) });
    return { ok: false, message };
  }
}

const updateDescriptionSchema = z.object({ description: descriptionSchema });

/** UpdateRole with only a Description: the one thing IAM lets anyone change on a service-linked role. */
export async function updateRoleDescriptionAction(input: unknown): Promise<ActionResult<{ description: string }>> {
  const authorization = await authorizeAction({ mutates: true });
  if (!authorization.ok) return refuseUnauthorized('UpdateRole', IAM_REGION, ROLE_NAME, { RoleName: ROLE_NAME }, authorization);
  const parsed = parseInput(updateDescriptionSchema, input);
  if (!parsed.ok) {
    const raw = (input as { description?: unknown })?.description;
    return refuse('UpdateRole', IAM_REGION, ROLE_NAME, { RoleName: ROLE_NAME, descriptionLength: typeof raw === 'string' ? raw.length : 0 }, parsed);
  }
  const { description } = parsed.data;
  const parameters = { RoleName: ROLE_NAME, Description: description };
  try {
    const result = await updateServiceLinkedRoleDescription(getAwsClients().iam(), description);
    const message = description === '' ? 'Description cleared.' : 'Description updated.';
    await recordAttempt({ operation: 'UpdateRole', region: IAM_REGION, subject: ROLE_NAME, parameters, result: 'succeeded', message, ...result });
    revalidatePath('/', 'layout');
    return { ok: true, data: { description } };
  } catch (error) {
    const failure = toAwsError(error);
    const message =
      failure.kind === 'not-found'
        ? `${ROLE_NAME} does not exist any more; there is no description to change.`
        : failure.kind === 'protected'
          ? `IAM refused: the role is protected (${failure.message}).`
          : `The description could not be changed: ${describeAwsFailure(failure)}`;
    await recordAttempt({ operation: 'UpdateRole', region: IAM_REGION, subject: ROLE_NAME, parameters, result: 'failed', message, ...(failure.requestId ? { requestId: failure.requestId } : {}) });
    return { ok: false, message };
  }
}
