'use server';

import { z } from 'zod';
import { defineAction, describeAwsFailure } from '@/lib/actions/define-action';
import { getDeletionTracker, readTrackedDeletion } from '@/lib/deletion';
import { getAccountSubject, getWizardAuditSnapshot, resolveWizardAccount } from '@/lib/deletion/account';
import { hasDeletedRole } from '@/lib/deletion/machine';
import { buildDeletionPlan } from '@/lib/deletion/plan';
import { UnreadableDeletionRecordError } from '@/lib/deletion/store';
import { getDeletionView, requiresDataImpactAcknowledgement } from '@/lib/deletion/wizard';
import { ROLE_NAME } from '@/lib/role/constants';
import { accountIdSchema } from '@/lib/validation/schemas';

// The deletion of the service-linked role: DeleteServiceLinkedRole once the name was typed, then the polls of
// its deletion task until IAM says it is done; in the caller's own account, or in the member account named by
// `accountId` (checked by resolveWizardAccount), each with its own tracked deletion.

const IAM_REGION = 'global';
const roleSubject = (input: { accountId?: string | undefined } | null | undefined) => ({
  region: IAM_REGION,
  name: ROLE_NAME,
  parameters: { RoleName: ROLE_NAME },
  ...getAccountSubject(input ?? null),
});

/** The input of an action that needs only its account (none: the caller's own). */
const accountOnlySchema = z.object({ accountId: accountIdSchema.optional() }).optional();

/** DeleteServiceLinkedRole, only after the role's name was typed exactly. The task id is stored before any poll. */
export const startDeletionAction = defineAction(
  {
    operation: 'DeleteServiceLinkedRole',
    schema: z.object({ accountId: accountIdSchema.optional(), confirmRoleName: z.string().max(200), hasAcknowledgedDataImpact: z.boolean() }),
    mutates: true,
    subject: roleSubject,
    staleReason: 'The service-linked role deletion was started after this scan',
    describeFailure: (failure) =>
      failure.kind === 'not-found'
        ? `${ROLE_NAME} does not exist in this account: there is nothing to delete.`
        : `IAM refused the deletion: ${describeAwsFailure(failure)}`,
  },
  async ({ accountId, confirmRoleName, hasAcknowledgedDataImpact }) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const { account } = resolved;
    if (confirmRoleName !== ROLE_NAME) {
      const typed = confirmRoleName.trim() === '' ? 'nothing' : `“${confirmRoleName}”`;
      return {
        ok: false,
        message: `The name you typed (${typed}) does not match ${ROLE_NAME} exactly. Nothing was deleted.`,
        fieldErrors: { confirmRoleName: [`Type ${ROLE_NAME} exactly, with the same capital letters.`] },
        subject: { parameters: { RoleName: ROLE_NAME, typedName: confirmRoleName } },
      };
    }
    const audit = (await getWizardAuditSnapshot(account))?.audit;
    const plan = audit ? buildDeletionPlan(audit) : null;
    if (requiresDataImpactAcknowledgement(plan) && !hasAcknowledgedDataImpact) {
      return {
        ok: false,
        message: plan
          ? 'Acknowledge the data impact (inventory and data syncs that will stop) before deleting. Nothing was deleted.'
          : 'No audit is stored, so the data impact is unknown: run the audit and acknowledge what stops before deleting. Nothing was deleted.',
      };
    }
    let record;
    try {
      record = await (await getDeletionTracker(account.memberAccountId)).start();
    } catch (error) {
      if (!(error instanceof UnreadableDeletionRecordError)) throw error;
      // Nothing was sent to IAM: the stored record must be settled first.
      return { ok: false, message: `${error.message} Discard it on the deletion step before starting another deletion. Nothing was deleted.` };
    }
    const last = record.timeline.at(-1);
    const where = account.memberAccountId ? ` in account ${account.accountName ?? account.memberAccountId} (${account.memberAccountId})` : '';
    const message =
      last?.kind === 'same-task'
        ? `A deletion was already in progress${where}; following task ${record.deletionTaskId}.`
        : `Deletion task ${record.deletionTaskId} started${where} (round ${record.round}).`;
    return { ok: true, data: getDeletionView(record, new Date()), message, ...(last?.requestId ? { requestId: last.requestId } : {}) };
  },
);

/** One poll of the tracked deletion (GetServiceLinkedRoleDeletionStatus, and GetRole to confirm). */
export const pollDeletionAction = defineAction(
  { operation: 'GetServiceLinkedRoleDeletionStatus', schema: accountOnlySchema, mutates: false, subject: roleSubject },
  async (input, context) => {
    const resolved = await resolveWizardAccount(input?.accountId);
    if (!resolved.ok) return resolved;
    let polled;
    try {
      polled = await (await getDeletionTracker(resolved.account.memberAccountId)).pollAndReport();
    } catch (error) {
      if (!(error instanceof UnreadableDeletionRecordError)) throw error;
      return { ok: false, result: 'failed', message: `${error.message} Reload the page to discard it.` };
    }
    const { record, hasJustFinished } = polled;
    if (record && hasJustFinished) {
      // The outcome of the deletion is part of the change's record.
      const isSucceeded = hasDeletedRole(record);
      const usage = record.failure?.usage ?? [];
      const requestId = record.timeline.at(-1)?.requestId;
      await context.record({
        subject: { name: record.deletionTaskId, parameters: { DeletionTaskId: record.deletionTaskId } },
        result: isSucceeded ? 'succeeded' : 'failed',
        message: isSucceeded
          ? `The role is deleted (task ${record.deletionTaskId}, round ${record.round})${record.recreatedAt ? `, and was created again at ${record.recreatedAt}` : ''}.`
          : `The deletion FAILED: ${record.failure?.reason ?? 'no reason'}${usage.length > 0 ? ` (in use in ${usage.map((item) => item.region).join(', ')})` : ''}.`,
        ...(requestId ? { requestId } : {}),
      });
      context.markChanged(isSucceeded ? 'The service-linked role was deleted after this scan' : 'A deletion attempt failed after this scan');
    }
    return { ok: true, data: getDeletionView(record, new Date()) };
  },
);

/** Forgets a stored deletion record that cannot be read. Nothing changes in AWS; the log keeps why. */
export const discardDeletionRecordAction = defineAction(
  {
    operation: 'DiscardDeletionRecord',
    schema: accountOnlySchema,
    mutates: true,
    subject: (input) => ({ region: 'local', name: 'deletion record', ...getAccountSubject(input ?? null) }),
  },
  async (input) => {
    const resolved = await resolveWizardAccount(input?.accountId);
    if (!resolved.ok) return resolved;
    const { memberAccountId } = resolved.account;
    const tracked = await readTrackedDeletion(memberAccountId);
    if (!tracked.unreadable) return { ok: false, message: 'The stored deletion record can be read: there is nothing to discard.' };
    await (await getDeletionTracker(memberAccountId)).clear();
    return { ok: true, data: null, message: `Discarded an unreadable deletion record: ${tracked.unreadable}` };
  },
);
