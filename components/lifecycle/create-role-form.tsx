'use client';

import { createServiceLinkedRoleAction } from '@/app/role/creation-actions';
import { CliCommand } from '@/components/wizard/cli-command';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { createServiceLinkedRoleCommand } from '@/lib/cli-commands';
import { ROLE_NAME } from '@/lib/role/constants';
import { DescriptionField } from './description-field';
import { SuccessStatus } from './success-status';
import { useDescriptionForm } from './use-description-form';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Creates AWSServiceRoleForAmazonSSM (CreateServiceLinkedRole for ssm.amazonaws.com) where the account has none.

export function CreateRoleForm({ title = `Create ${ROLE_NAME}` }: { title?: string }) {
  const accountId = useMemberAccountId();
  const form = useDescriptionForm(
    '',
    (description) => createServiceLinkedRoleAction(withAccountInput({ description }, accountId)),
    (created) => `Created ${ROLE_NAME} (${created.arn}).`,
  );

  return (
    <Card
      title={title}
      description="IAM creates the role with its fixed name, path, trust (ssm.amazonaws.com) and the AWS managed policy AmazonSSMServiceRolePolicy. Only the description is yours to choose."
    >
      <form className="space-y-4" onSubmit={form.onSubmit}>
        <DescriptionField label="Description (optional)" value={form.description} onChange={form.setDescription} error={form.error} />
        <CliCommand commands={createServiceLinkedRoleCommand(form.description)} label="AWS CLI command to create the role" />
        <Button type="submit" variant="primary" disabled={form.isPending}>
          {form.isPending ? 'Creating…' : 'Create the role'}
        </Button>
        <SuccessStatus message={form.success} />
      </form>
    </Card>
  );
}
