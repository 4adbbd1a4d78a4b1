'use server';

import { z } from 'zod';
import { defineAction, describeAwsFailure } from '@/lib/actions/define-action';
import { getAwsClients } from '@/lib/aws/clients';
import { updateServiceLinkedRoleDescription } from '@/lib/aws/iam-lifecycle';
import { ROLE_NAME } from '@/lib/role/constants';
import { descriptionSchema } from '@/lib/validation/schemas';

// The role page's one change: the service-linked role's description.

/** UpdateRole with only a Description: the one thing IAM lets anyone change on a service-linked role. */
export const updateRoleDescriptionAction = defineAction(
  {
    operation: 'UpdateRole',
    schema: z.object({ description: descriptionSchema }),
    mutates: true,
    subject: (input, raw) => {
      // Before parsing, only the length of what was sent is recorded.
      const sent = (raw as { description?: unknown } | null)?.description;
      const parameters = input ? { RoleName: ROLE_NAME, Description: input.description } : { RoleName: ROLE_NAME, descriptionLength: typeof sent === 'string' ? sent.length : 0 };
      return { region: 'global', name: ROLE_NAME, parameters };
    },
    describeFailure: (failure) =>
      failure.kind === 'not-found'
        ? `${ROLE_NAME} does not exist any more; there is no description to change.`
        : failure.kind === 'protected'
          ? `IAM refused: the role is protected (${failure.message}).`
          : `The description could not be changed: ${describeAwsFailure(failure)}`,
  },
  async ({ description }) => {
    const result = await updateServiceLinkedRoleDescription(getAwsClients().iam(), description);
    return { ok: true, data: { description }, message: description === '' ? 'Description cleared.' : 'Description updated.', ...result };
  },
);
