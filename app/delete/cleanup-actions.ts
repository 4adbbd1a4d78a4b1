'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { isTransientError, type AwsError } from '@/lib/aws/errors';
import { listRolesTrustingService } from '@/lib/aws/iam';
import {
  deleteAssociation,
  deleteResourceDataSync,
  deregisterMaintenanceWindowTask,
  updateMaintenanceWindowTaskRole,
} from '@/lib/aws/ssm-maintenance';
import { deleteResourceGroup, UNTAG_BATCH_SIZE, untagResources } from '@/lib/aws/data-cleanup';
import { getWindowTaskArn } from '@/lib/audit/classify';
import type { AuditResult } from '@/lib/audit/types';
import { getAccountSubject, getWizardAuditSnapshot, resolveWizardAccount, type WizardAccount } from '@/lib/deletion/account';
import { buildDeletionPlan, type BlockingTask, type DeletionPlan } from '@/lib/deletion/plan';
import { SERVICE_PRINCIPAL, isServiceLinkedRoleArn } from '@/lib/role/constants';
import { listResourcesWithTagKey } from '@/lib/aws/tagging';
import { accountIdSchema, parseInput, regionCodeSchema, roleArnSchema, roleArnSchemaFor, windowIdSchema, windowTaskIdSchema } from '@/lib/validation/schemas';

// The delete wizard's clean-up: maintenance-window tasks moved to a custom role or deregistered (blockers), and
// inventory associations and data syncs removed (data impact). Nothing the browser names is taken on trust:
// every task, association and sync must be one the last audit of the account acted in found, and the recorded ARNs
// are built here for that account. Each action acts in the caller's own account, or in the member account named
// by `accountId` once resolveWizardAccount has accepted it.

const taskRefSchema = z.object({ region: regionCodeSchema, windowId: windowIdSchema, windowTaskId: windowTaskIdSchema });

const tasksSchema = z.array(taskRefSchema).min(1, { error: 'Choose at least one task.' }).max(200);

/** Every action's optional account: absent for the caller's own, a member account's id otherwise. */
const inAccount = { accountId: accountIdSchema.optional() };

const NOT_AUDITED = 'is not in the last scan of this account. Rescan, then choose again. Nothing was changed.';

async function getAccountAudit(account: WizardAccount): Promise<AuditResult | null> {
  return (await getWizardAuditSnapshot(account))?.audit ?? null;
}

async function getAuditedPlan(account: WizardAccount): Promise<DeletionPlan | null> {
  const audit = await getAccountAudit(account);
  return audit ? buildDeletionPlan(audit) : null;
}

type TaskRef = z.infer<typeof taskRefSchema>;

/**
 * The tasks as the last audit knows them, each with its ARN built on the server; a refusal naming the first task
 * the audit does not list (a forged or outdated id) otherwise.
 */
async function resolveAuditedTasks(account: WizardAccount, tasks: TaskRef[]): Promise<{ ok: true; tasks: BlockingTask[] } | { ok: false; message: string }> {
  const [identity, plan] = await Promise.all([account.identify(), getAuditedPlan(account)]);
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

const tasksSubject = (input: { accountId?: string | undefined } | null) => ({ region: 'multiple', name: 'maintenance-window tasks', ...getAccountSubject(input) });

/** Moves maintenance-window tasks to a custom role: UpdateMaintenanceWindowTask with only the role changed. */
export const moveTasksToRoleAction = defineAction(
  {
    operation: 'UpdateMaintenanceWindowTask',
    schema: z.object({ ...inAccount, roleArn: roleArnSchema, tasks: tasksSchema, isConfirmed: z.literal(true, { error: 'Confirm the change first.' }) }),
    mutates: true,
    subject: tasksSubject,
    staleReason: 'Maintenance-window tasks were moved to a custom role after this scan',
  },
  async ({ accountId, roleArn, tasks: requested }, context) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const { account } = resolved;
    // The role is checked first: another account's ARN is refused before anything is looked up.
    const identity = await account.identify();
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
    const audited = await resolveAuditedTasks(account, requested);
    if (!audited.ok) return audited;
    // Only a role of this account that Systems Manager can assume makes sense here.
    const role = (await listRolesTrustingService(account.clients.iam(), SERVICE_PRINCIPAL)).find((candidate) => candidate.arn === roleArn);
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
          run: () => updateMaintenanceWindowTaskRole(account.clients.ssm(task.region), task, roleArn),
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
    schema: z.object({ ...inAccount, tasks: tasksSchema, isConfirmed: z.literal(true, { error: 'Confirm the deregistration first.' }) }),
    mutates: true,
    subject: tasksSubject,
    staleReason: 'Maintenance-window tasks were deregistered after this scan',
  },
  async ({ accountId, tasks: requested }, context) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const { account } = resolved;
    const audited = await resolveAuditedTasks(account, requested);
    if (!audited.ok) return audited;
    const outcomes = [];
    for (const task of audited.tasks) {
      outcomes.push(
        await context.runItem({
          key: task.arn,
          subject: { region: task.region, name: task.arn, parameters: { WindowId: task.windowId, WindowTaskId: task.windowTaskId } },
          run: () => deregisterMaintenanceWindowTask(account.clients.ssm(task.region), task),
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
  ...inAccount,
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
        ? { region: input.region, name: input.associationId, parameters: { AssociationId: input.associationId }, ...getAccountSubject(input) }
        : { region: 'unknown', name: 'inventory association' },
    staleReason: 'An inventory association was removed after this scan',
    describeFailure: (failure) => describeBusyRole(failure, 'Wait a few minutes and try again.'),
  },
  async ({ accountId, region, associationId }) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const { account } = resolved;
    const plan = await getAuditedPlan(account);
    if (!plan?.inventory.some((item) => item.region === region && item.associationId === associationId)) {
      return { ok: false, message: `Inventory association ${associationId} in ${region} ${NOT_AUDITED}` };
    }
    const result = await deleteAssociation(account.clients.ssm(region), associationId);
    const message = 'Inventory association removed.';
    return { ok: true, message, ...result, data: { key: associationId, message } };
  },
);

const removeDataSyncSchema = z.object({
  ...inAccount,
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
        ? { region: input.region, name: input.syncName, parameters: { SyncName: input.syncName }, ...getAccountSubject(input) }
        : { region: 'unknown', name: 'resource data sync' },
    staleReason: 'A resource data sync was removed after this scan',
  },
  async ({ accountId, region, syncName }) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const { account } = resolved;
    const sync = (await getAuditedPlan(account))?.dataSyncs.find((item) => item.region === region && item.syncName === syncName);
    if (!sync) return { ok: false, message: `Resource data sync ${syncName} in ${region} ${NOT_AUDITED}` };
    // The sync's type comes from the audit, not from the request.
    const result = await deleteResourceDataSync(account.clients.ssm(region), syncName, sync.syncType || undefined);
    const message = 'Resource data sync removed.';
    return { ok: true, message, ...result, data: { key: `${region}/${syncName}`, message } };
  },
);

// ---------- the user's resource groups and tags (Inventory stops syncing them; deleting them is optional) ----------

const deleteGroupSchema = z.object({
  ...inAccount,
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
    subject: (input) =>
      input ? { region: input.region, name: input.groupName, parameters: { Group: input.groupName }, ...getAccountSubject(input) } : { region: 'unknown', name: 'resource group' },
    staleReason: 'A resource group was deleted after this scan',
    describeFailure: (failure) => describeBusyRole(failure, 'Wait a few minutes and try again.'),
  },
  async ({ accountId, region, groupName }) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const { account } = resolved;
    const audit = await getAccountAudit(account);
    const group = audit?.regions.find((item) => item.region.code === region)?.findings?.resourceGroups.find((item) => item.name === groupName);
    if (!group) {
      return { ok: false, message: `The last audit found no resource group named ${groupName} in ${region}. Rescan, then choose it again. Nothing was deleted.` };
    }
    const result = await deleteResourceGroup(account.clients.resourceGroups(region), groupName);
    const message = 'Resource group deleted; the resources in it are unchanged.';
    return { ok: true, message, ...result, subject: { name: group.arn || groupName }, data: { key: `${region}/${groupName}`, message } };
  },
);

const removeTagKeySchema = z.object({
  ...inAccount,
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
    subject: (input) =>
      input ? { region: input.region, name: `tag key ${input.tagKey}`, parameters: { TagKeys: [input.tagKey] }, ...getAccountSubject(input) } : { region: 'unknown', name: 'tag key' },
    staleReason: 'Tags were removed after this scan',
    describeFailure: (failure) => describeBusyRole(failure, 'Wait a few minutes and try again; the resources already done keep their change.'),
  },
  async ({ accountId, region, tagKey }) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    // The tagged resources are read back from AWS in the account acted in.
    const client = resolved.account.clients.tagging(region);
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
