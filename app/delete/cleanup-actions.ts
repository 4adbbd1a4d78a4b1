'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { getAwsClients } from '@/lib/aws/clients';
import { isTransientError, type AwsError } from '@/lib/aws/errors';
import { listRolesTrustingService } from '@/lib/aws/iam';
import {
  deleteAssociation,
  deleteResourceDataSync,
  deregisterMaintenanceWindowTask,
  updateMaintenanceWindowTaskRole,
} from '@/lib/aws/ssm-maintenance';
import { deleteResourceGroup, UNTAG_BATCH_SIZE, untagResources } from '@/lib/aws/data-cleanup';
import { getCallerIdentity } from '@/lib/aws/sts';
import { getWindowTaskArn } from '@/lib/audit/classify';
import { getLastAudit } from '@/lib/audit/store';
import { buildDeletionPlan, type BlockingTask, type DeletionPlan } from '@/lib/deletion/plan';
import { SERVICE_PRINCIPAL, isServiceLinkedRoleArn } from '@/lib/role/constants';
import { listResourcesWithTagKey } from '@/lib/aws/tagging';
import { parseInput, regionCodeSchema, roleArnSchema, roleArnSchemaFor, windowIdSchema, windowTaskIdSchema } from '@/lib/validation/schemas';

// The delete wizard's clean-up: maintenance-window tasks moved to a custom role or deregistered (blockers), and
// inventory associations and data syncs removed (data impact). Nothing the browser names is taken on trust:
// every task, association and sync must be one the last audit found, and the recorded ARNs are built here.

const taskRefSchema = z.object({ region: regionCodeSchema, windowId: windowIdSchema, windowTaskId: windowTaskIdSchema });

const tasksSchema = z.array(taskRefSchema).min(1, { error: 'Choose at least one task.' }).max(200);

const NOT_AUDITED = 'is not in the last scan of this account. Rescan, then choose again. Nothing was changed.';

async function getAuditedPlan(): Promise<DeletionPlan | null> {
  const audit = await getLastAudit();
  return audit ? buildDeletionPlan(audit) : null;
}

type TaskRef = z.infer<typeof taskRefSchema>;

/**
 * The tasks as the last audit knows them, each with its ARN built on the server; a refusal naming the first task
 * the audit does not list (a forged or outdated id) otherwise.
 */
async function resolveAuditedTasks(tasks: TaskRef[]): Promise<{ ok: true; tasks: BlockingTask[] } | { ok: false; message: string }> {
  const identity = await getCallerIdentity();
  const plan = await getAuditedPlan();
  const audited = new Map((plan?.blockers ?? []).flatMap((region) => region.tasks).map((task) => [task.arn, task]));
  const resolved: BlockingTask[] = [];
  for (const task of tasks) {
    const arn = getWindowTaskArn(identity.partition, task.region, identity.accountId, task.windowId, task.windowTaskId);
    const found = audited.get(arn);
    if (!found) return { ok: false, message: `Task ${task.windowTaskId} of ${task.windowId} in ${task.region} ${NOT_AUDITED}` };
    resolved.push(found);
  }
  return { ok: true, tasks: resolved };
}

/** The message for a failure worth retrying; other failures are described as AWS reported them. */
function describeBusyRole(failure: AwsError, advice: string): string | undefined {
  return isTransientError(failure) ? `Systems Manager may be using the role right now (${failure.code}). ${advice}` : undefined;
}

const TASKS_SUBJECT = { region: 'multiple', name: 'maintenance-window tasks' };

/** Moves maintenance-window tasks to a custom role: UpdateMaintenanceWindowTask with only the role changed. */
export const moveTasksToRoleAction = defineAction(
  {
    operation: 'UpdateMaintenanceWindowTask',
    schema: z.object({ roleArn: roleArnSchema, tasks: tasksSchema, isConfirmed: z.literal(true, { error: 'Confirm the change first.' }) }),
    mutates: true,
    subject: TASKS_SUBJECT,
    staleReason: 'Maintenance-window tasks were moved to a custom role after this scan',
  },
  async ({ roleArn, tasks: requested }, context) => {
    // The role is checked first: another account's ARN is refused before anything is looked up.
    const identity = await getCallerIdentity();
    const subject = { name: roleArn, parameters: { roleArn } };
    const ofThisAccount = parseInput(z.object({ roleArn: roleArnSchemaFor(identity.accountId, identity.partition) }), { roleArn });
    if (!ofThisAccount.ok) return { ...ofThisAccount, subject };
    if (isServiceLinkedRoleArn(roleArn, identity.partition, identity.accountId)) {
      return {
        ok: false,
        subject,
        message: 'Choose a custom role: a task moved to the service-linked role would still keep it in use.',
        fieldErrors: { roleArn: ['Choose a custom role, not the service-linked role.'] },
      };
    }
    const audited = await resolveAuditedTasks(requested);
    if (!audited.ok) return audited;
    // Only a role of this account that Systems Manager can assume makes sense here.
    const role = (await listRolesTrustingService(getAwsClients().iam(), SERVICE_PRINCIPAL)).find((candidate) => candidate.arn === roleArn);
    if (!role) {
      return {
        ok: false,
        subject,
        message: `${roleArn} is not a role of account ${identity.accountId} that trusts ssm.amazonaws.com. Nothing was changed.`,
        fieldErrors: { roleArn: ['Choose one of the listed roles.'] },
      };
    }
    const outcomes = [];
    for (const task of audited.tasks) {
      outcomes.push(
        await context.runItem({
          key: task.arn,
          subject: {
            region: task.region,
            name: task.arn,
            parameters: { WindowId: task.windowId, WindowTaskId: task.windowTaskId, ServiceRoleArn: roleArn },
          },
          run: () => updateMaintenanceWindowTaskRole(getAwsClients().ssm(task.region), task, roleArn),
          successMessage: `Moved to ${role.roleName}.`,
          describeFailure: (failure) => describeBusyRole(failure, 'This usually clears within minutes.'),
          isTransient: isTransientError,
        }),
      );
    }
    return { ok: true, data: { outcomes } };
  },
);

/** Deregisters maintenance-window tasks from their windows: DeregisterTaskFromMaintenanceWindow. */
export const deregisterTasksAction = defineAction(
  {
    operation: 'DeregisterTaskFromMaintenanceWindow',
    schema: z.object({ tasks: tasksSchema, isConfirmed: z.literal(true, { error: 'Confirm the deregistration first.' }) }),
    mutates: true,
    subject: TASKS_SUBJECT,
    staleReason: 'Maintenance-window tasks were deregistered after this scan',
  },
  async ({ tasks: requested }, context) => {
    const audited = await resolveAuditedTasks(requested);
    if (!audited.ok) return audited;
    const outcomes = [];
    for (const task of audited.tasks) {
      outcomes.push(
        await context.runItem({
          key: task.arn,
          subject: { region: task.region, name: task.arn, parameters: { WindowId: task.windowId, WindowTaskId: task.windowTaskId } },
          run: () => deregisterMaintenanceWindowTask(getAwsClients().ssm(task.region), task),
          successMessage: 'Deregistered from its maintenance window.',
          describeFailure: (failure) =>
            failure.kind === 'not-found'
              ? 'The task no longer exists (already deregistered?). Rescan to refresh the list.'
              : describeBusyRole(failure, 'This usually clears within minutes.'),
          isTransient: isTransientError,
        }),
      );
    }
    return { ok: true, data: { outcomes } };
  },
);

const removeAssociationSchema = z.object({
  region: regionCodeSchema,
  associationId: z.string().regex(/^[0-9a-fA-F-]{36}$/, { error: 'Association id must be a UUID.' }),
  isConfirmed: z.literal(true, { error: 'Confirm the removal first.' }),
});

/** Removes an inventory association: DeleteAssociation. */
export const removeInventoryAssociationAction = defineAction(
  {
    operation: 'DeleteAssociation',
    schema: removeAssociationSchema,
    mutates: true,
    subject: (input) =>
      input
        ? { region: input.region, name: input.associationId, parameters: { AssociationId: input.associationId } }
        : { region: 'unknown', name: 'inventory association' },
    staleReason: 'An inventory association was removed after this scan',
    describeFailure: (failure) => describeBusyRole(failure, 'Wait a few minutes and try again.'),
  },
  async ({ region, associationId }) => {
    const plan = await getAuditedPlan();
    if (!plan?.inventory.some((item) => item.region === region && item.associationId === associationId)) {
      return { ok: false, message: `Inventory association ${associationId} in ${region} ${NOT_AUDITED}` };
    }
    const result = await deleteAssociation(getAwsClients().ssm(region), associationId);
    const message = 'Inventory association removed.';
    return { ok: true, message, ...result, data: { key: associationId, message } };
  },
);

const removeDataSyncSchema = z.object({
  region: regionCodeSchema,
  syncName: z.string().min(1).max(64).regex(/^[a-zA-Z0-9_\-.]+$/, { error: 'Sync name may contain letters, digits, _ - and .' }),
  isConfirmed: z.literal(true, { error: 'Confirm the removal first.' }),
});

/** Removes a resource data sync (Explorer or Inventory): DeleteResourceDataSync. */
export const removeDataSyncAction = defineAction(
  {
    operation: 'DeleteResourceDataSync',
    schema: removeDataSyncSchema,
    mutates: true,
    subject: (input) =>
      input
        ? { region: input.region, name: input.syncName, parameters: { SyncName: input.syncName } }
        : { region: 'unknown', name: 'resource data sync' },
    staleReason: 'A resource data sync was removed after this scan',
  },
  async ({ region, syncName }) => {
    const sync = (await getAuditedPlan())?.dataSyncs.find((item) => item.region === region && item.syncName === syncName);
    if (!sync) return { ok: false, message: `Resource data sync ${syncName} in ${region} ${NOT_AUDITED}` };
    // The sync's type comes from the audit, not from the request.
    const result = await deleteResourceDataSync(getAwsClients().ssm(region), syncName, sync.syncType || undefined);
    const message = 'Resource data sync removed.';
    return { ok: true, message, ...result, data: { key: `${region}/${syncName}`, message } };
  },
);

// ---------- the user's resource groups and tags (Inventory stops syncing them; deleting them is optional) ----------

const deleteGroupSchema = z.object({
  region: regionCodeSchema,
  groupName: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[a-zA-Z0-9_.-]+$/, { error: 'Group name may contain letters, digits, _ . and -.' }),
  isConfirmed: z.literal(true, { error: 'Confirm the deletion first.' }),
});

/** DeleteGroup for a group the last audit found in that region: the group goes, the resources in it stay. */
export const deleteResourceGroupAction = defineAction(
  {
    operation: 'DeleteGroup',
    schema: deleteGroupSchema,
    mutates: true,
    subject: (input) => (input ? { region: input.region, name: input.groupName, parameters: { Group: input.groupName } } : { region: 'unknown', name: 'resource group' }),
    staleReason: 'A resource group was deleted after this scan',
    describeFailure: (failure) => describeBusyRole(failure, 'Wait a few minutes and try again.'),
  },
  async ({ region, groupName }) => {
    const audit = await getLastAudit();
    const group = audit?.regions.find((item) => item.region.code === region)?.findings?.resourceGroups.find((item) => item.name === groupName);
    if (!group) {
      return { ok: false, message: `The last audit found no resource group named ${groupName} in ${region}. Rescan, then choose it again. Nothing was deleted.` };
    }
    const result = await deleteResourceGroup(getAwsClients().resourceGroups(region), groupName);
    const message = 'Resource group deleted; the resources in it are unchanged.';
    return { ok: true, message, ...result, subject: { name: group.arn || groupName }, data: { key: `${region}/${groupName}`, message } };
  },
);

const removeTagKeySchema = z.object({
  region: regionCodeSchema,
  tagKey: z
    .string()
    .min(1)
    .max(128)
    .refine((key) => !key.toLowerCase().startsWith('aws:'), { error: 'Tags whose key starts with aws: belong to AWS and cannot be removed.' }),
  isConfirmed: z.literal(true, { error: 'Confirm the removal first.' }),
});

/**
 * Removes one tag key from every resource of the region that carries it: read back with GetResources, then
 * UntagResources 20 at a time. Other tags and the resources themselves stay.
 */
export const removeTagKeyAction = defineAction(
  {
    operation: 'UntagResources',
    schema: removeTagKeySchema,
    mutates: true,
    subject: (input) => (input ? { region: input.region, name: `tag key ${input.tagKey}`, parameters: { TagKeys: [input.tagKey] } } : { region: 'unknown', name: 'tag key' }),
    staleReason: 'Tags were removed after this scan',
    describeFailure: (failure) => describeBusyRole(failure, 'Wait a few minutes and try again; the resources already done keep their change.'),
  },
  async ({ region, tagKey }) => {
    const client = getAwsClients().tagging(region);
    const resourceArns = await listResourcesWithTagKey(client, tagKey);
    const failed: Record<string, string> = {};
    let requestId: string | undefined;
    for (let start = 0; start < resourceArns.length; start += UNTAG_BATCH_SIZE) {
      const outcome = await untagResources(client, resourceArns.slice(start, start + UNTAG_BATCH_SIZE), [tagKey]);
      Object.assign(failed, outcome.failed);
      requestId ??= outcome.requestId;
    }
    const failedArns = Object.keys(failed);
    const subject = { parameters: { TagKeys: [tagKey], resourceCount: resourceArns.length, failedCount: failedArns.length } };
    const meta = requestId ? { requestId } : {};
    if (failedArns.length > 0) {
      const examples = failedArns.slice(0, 3).map((arn) => `${arn} (${failed[arn]})`);
      return {
        ok: false,
        result: 'failed',
        message: `Removed ${tagKey} from ${resourceArns.length - failedArns.length} of ${resourceArns.length} resource(s); ${failedArns.length} refused: ${examples.join('; ')}${failedArns.length > 3 ? '…' : ''}`,
        subject,
        ...meta,
      };
    }
    const message = resourceArns.length === 0 ? `No resource carries ${tagKey} any more.` : `Removed ${tagKey} from ${resourceArns.length} resource(s).`;
    return { ok: true, message, subject, ...meta, data: { key: `${region}/${tagKey}`, message } };
  },
);
