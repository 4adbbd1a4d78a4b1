'use server';

import { z } from 'zod';
import { defineAction, describeAwsFailure } from '@/lib/actions/define-action';
import { getLastAudit } from '@/lib/audit/store';
import { getDeletionTracker, readTrackedDeletion } from '@/lib/deletion';
import { hasDeletedRole } from '@/lib/deletion/machine';
import { buildDeletionPlan } from '@/lib/deletion/plan';
import { UnreadableDeletionRecordError } from '@/lib/deletion/store';
import { getDeletionView, requiresDataImpactAcknowledgement } from '@/lib/deletion/wizard';
import { ROLE_NAME } from '@/lib/role/constants';

// The deletion of the service-linked role: DeleteServiceLinkedRole once the name was typed, then the polls of
// its deletion task until IAM says it is done.

const IAM_REGION = 'global';
const ROLE_SUBJECT = { region: IAM_REGION, name: ROLE_NAME, parameters: { RoleName: ROLE_NAME } };

/** DeleteServiceLinkedRole, only after the role's name was typed exactly. The task id is stored before any poll. */
export const startDeletionAction = defineAction(
  {
    operation: 'DeleteServiceLinkedRole',
    schema: z.object({ confirmRoleName: z.string().max(200), hasAcknowledgedDataImpact: z.boolean() }),
    mutates: true,
    subject: ROLE_SUBJECT,
    staleReason: 'The service-linked role deletion was started after this scan',
    describeFailure: (failure) =>
      failure.kind === 'not-found'
        ? `${ROLE_NAME} does not exist in this account: there is nothing to delete.`
        : `IAM refused the deletion: ${describeAwsFailure(failure)}`,
  },
  async ({ confirmRoleName, hasAcknowledgedDataImpact }) => {
    if (confirmRoleName !== ROLE_NAME) {
      const typed = confirmRoleName.trim() === '' ? 'nothing' : `“${confirmRoleName}”`;
      return {
        ok: false,
        message: `The name you typed (${typed}) does not match ${ROLE_NAME} exactly. Nothing was deleted.`,
        fieldErrors: { confirmRoleName: [`Type ${ROLE_NAME} exactly, with the same capital letters.`] },
        subject: { parameters: { RoleName: ROLE_NAME, typedName: confirmRoleName } },
      };
    }
    const audit = await getLastAudit();
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
      record = await (await getDeletionTracker()).start();
    } catch (error) {
      if (!(error instanceof UnreadableDeletionRecordError)) throw error;
      // Nothing was sent to IAM: the stored record must be settled first.
      return { ok: false, message: `${error.message} Discard it on the deletion step before starting another deletion. Nothing was deleted.` };
    }
    const last = record.timeline.at(-1);
    const message =
      last?.kind === 'same-task'
        ? `A deletion was already in progress; following task ${record.deletionTaskId}.`
        : `Deletion task ${record.deletionTaskId} started (round ${record.round}).`;
    return { ok: true, data: getDeletionView(record, new Date()), message, ...(last?.requestId ? { requestId: last.requestId } : {}) };
  },
);

/** One poll of the tracked deletion (GetServiceLinkedRoleDeletionStatus, and GetRole to confirm). */
export const pollDeletionAction = defineAction(
  { operation: 'GetServiceLinkedRoleDeletionStatus', schema: z.unknown(), mutates: false, subject: ROLE_SUBJECT },
  async (_input, context) => {
    let polled;
    try {
      polled = await (await getDeletionTracker()).pollAndReport();
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
  { operation: 'DiscardDeletionRecord', schema: z.unknown(), mutates: true, subject: { region: 'local', name: 'deletion record' } },
  async () => {
    const tracked = await readTrackedDeletion();
    if (!tracked.unreadable) return { ok: false, message: 'The stored deletion record can be read: there is nothing to discard.' };
    await (await getDeletionTracker()).clear();
    return { ok: true, data: null, message: `Discarded an unreadable deletion record: ${tracked.unreadable}` };
  },
);
