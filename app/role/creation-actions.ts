'use server';

import { z } from 'zod';
import { defineAction, describeAwsFailure } from '@/lib/actions/define-action';
import { toAwsError } from '@/lib/aws/errors';
import { createMaintenanceWindowRole, createServiceLinkedRole } from '@/lib/aws/iam-lifecycle';
import { getAccountSubject, resolveWizardAccount } from '@/lib/deletion/account';
import { MAINTENANCE_WINDOW_POLICY_NAME, ROLE_NAME, SERVICE_PRINCIPAL } from '@/lib/role/constants';
import { accountIdSchema, descriptionSchema, roleNameSchema } from '@/lib/validation/schemas';

// Role creation: the service-linked role itself (overview), and a custom maintenance-window role for the tasks
// the delete wizard moves off it. Both act in the caller's own account, or in the member account named by
// `accountId` once resolveWizardAccount has accepted it.

const IAM_REGION = 'global';

/** CreateServiceLinkedRole for ssm.amazonaws.com, with an optional description. */
export const createServiceLinkedRoleAction = defineAction(
  {
    operation: 'CreateServiceLinkedRole',
    schema: z.object({ accountId: accountIdSchema.optional(), description: descriptionSchema.optional() }),
    mutates: true,
    subject: (input, raw) => {
      if (!input) {
        // Before parsing, only the length of what was sent is recorded.
        const sent = (raw as { description?: unknown } | null)?.description;
        return { region: IAM_REGION, name: ROLE_NAME, parameters: { AWSServiceName: SERVICE_PRINCIPAL, descriptionLength: typeof sent === 'string' ? sent.length : 0 } };
      }
      const description = input.description?.trim() ? input.description : undefined;
      return {
        region: IAM_REGION,
        name: ROLE_NAME,
        parameters: { AWSServiceName: SERVICE_PRINCIPAL, ...(description ? { Description: description } : {}) },
        ...getAccountSubject(input),
      };
    },
    staleReason: 'The service-linked role was created after this scan',
    describeFailure: (failure) =>
      failure.kind === 'conflict'
        ? `${ROLE_NAME} already exists in this account (IAM says the name “has been taken”). There can be only one; nothing was changed. Reload to see it.`
        : `The role could not be created: ${describeAwsFailure(failure)}`,
  },
  async ({ accountId, description }) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const created = await createServiceLinkedRole(resolved.account.clients.iam(), description?.trim() ? description : undefined);
    return {
      ok: true,
      data: { arn: created.arn },
      message: `Created ${ROLE_NAME}.`,
      subject: { name: created.arn || ROLE_NAME },
      ...(created.requestId ? { requestId: created.requestId } : {}),
    };
  },
);

/** A custom maintenance-window role: CreateRole trusting ssm.amazonaws.com, then AttachRolePolicy. */
export const createMaintenanceWindowRoleAction = defineAction(
  {
    operation: 'CreateRole',
    schema: z.object({
      accountId: accountIdSchema.optional(),
      roleName: roleNameSchema,
      isConfirmed: z.literal(true, { error: 'Confirm the creation of the role first.' }),
    }),
    mutates: true,
    subject: (input) =>
      input
        ? { region: IAM_REGION, name: input.roleName, parameters: { RoleName: input.roleName }, ...getAccountSubject(input) }
        : { region: IAM_REGION, name: 'maintenance-window role' },
  },
  async ({ accountId, roleName }, context) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const { account } = resolved;
    const { partition } = await account.identify();
    let created;
    try {
      created = await createMaintenanceWindowRole(account.clients.iam(), roleName, partition);
    } catch (error) {
      const failure = toAwsError(error);
      const message =
        failure.kind === 'conflict'
          ? `A role named ${roleName} already exists in this account. Choose it in the list, or pick another name.`
          : `The role could not be created: ${describeAwsFailure(failure)}`;
      return { ok: false, result: 'failed', message, fieldErrors: { roleName: [message] }, ...(failure.requestId ? { requestId: failure.requestId } : {}) };
    }
    const subject = { name: created.role.arn };
    let warning: string | undefined;
    if (created.attachError) {
      warning = `The role was created, but ${MAINTENANCE_WINDOW_POLICY_NAME} could not be attached: ${describeAwsFailure(created.attachError)}. Attach it before moving tasks to the role.`;
      await context.record({ operation: 'AttachRolePolicy', subject, result: 'failed', message: warning, ...(created.attachError.requestId ? { requestId: created.attachError.requestId } : {}) });
    } else {
      await context.record({
        operation: 'AttachRolePolicy',
        subject: { ...subject, parameters: { RoleName: roleName, PolicyName: MAINTENANCE_WINDOW_POLICY_NAME } },
        result: 'succeeded',
        message: `Attached ${MAINTENANCE_WINDOW_POLICY_NAME}.`,
        ...(created.attachRequestId ? { requestId: created.attachRequestId } : {}),
      });
    }
    return {
      ok: true,
      data: { roleName: created.role.roleName, arn: created.role.arn, ...(warning ? { warning } : {}) },
      message: `Created ${roleName}, trusted by ${SERVICE_PRINCIPAL}.`,
      subject: { ...subject, parameters: { RoleName: roleName, Path: '/', TrustedService: SERVICE_PRINCIPAL } },
      ...(created.createRequestId ? { requestId: created.createRequestId } : {}),
    };
  },
);
