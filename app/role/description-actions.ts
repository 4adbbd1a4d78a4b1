'use server';

import { z } from 'zod';
import { defineAction, describeAwsFailure } from '@/lib/actions/define-action';
import { updateServiceLinkedRoleDescription } from '@/lib/aws/iam-lifecycle';
import { getAccountSubject, resolveWizardAccount } from '@/lib/deletion/account';
import { ROLE_NAME } from '@/lib/role/constants';
import { accountIdSchema, descriptionSchema } from '@/lib/validation/schemas';

// The role page's one change: the service-linked role's description, in the caller's own account or in the member
// account named by `accountId` once resolveWizardAccount has accepted it.

/** UpdateRole with only a Description: the one thing IAM lets anyone change on a service-linked role. */
export const updateRoleDescriptionAction = defineAction(
  {
    operation: 'UpdateRole',
    schema: z.object({ accountId: accountIdSchema.optional(), description: descriptionSchema }),
    mutates: true,
    subject: (input, raw) => {
      // Before parsing, only the length of what was sent is recorded.
      const sent = (raw as { description?: unknown } | null)?.description;
      const parameters = input ? { RoleName: ROLE_NAME, Description: input.description } : { RoleName: ROLE_NAME, descriptionLength: typeof sent === 'string' ? sent.length : 0 };
      return { region: 'global', name: ROLE_NAME, parameters, ...getAccountSubject(input) };
    },
    describeFailure: (failure) =>
      failure.kind === 'not-found'
        ? `${ROLE_NAME} does not exist any more; there is no description to change.`
        : failure.kind === 'protected'
          ? `IAM refused: the role is protected (${failure.message}).`
          : `The description could not be changed: ${describeAwsFailure(failure)}`,
  },
  async ({ accountId, description }) => {
    const resolved = await resolveWizardAccount(accountId);
    if (!resolved.ok) return resolved;
    const result = await updateServiceLinkedRoleDescription(resolved.account.clients.iam(), description);
    return { ok: true, data: { description }, message: description === '' ? 'Description cleared.' : 'Description updated.', ...result };
  },
);
