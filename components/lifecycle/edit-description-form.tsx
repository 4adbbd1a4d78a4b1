'use client';

import { updateRoleDescriptionAction } from '@/app/role/description-actions';
import { CliCommand } from '@/components/wizard/cli-command';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { updateRoleDescriptionCommand } from '@/lib/cli-commands';
import { DescriptionField } from './description-field';
import { SuccessStatus } from './success-status';
import { useDescriptionForm } from './use-description-form';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Edits the role's description: the only property of a service-linked role that anyone but AWS may change.

export function EditDescriptionForm({ currentDescription }: { currentDescription: string }) {
  const accountId = useMemberAccountId();
  const form = useDescriptionForm(
    currentDescription,
    (text) => updateRoleDescriptionAction(withAccountInput({ description: text }, accountId)),
    () => 'Description saved.',
  );
  const { description, setDescription, isPending } = form;
  const isChanged = description !== currentDescription;

  return (
    <Card title="Description" description="The one thing you can change on this role.">
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          The name, path, trust policy and permissions of a service-linked role cannot be changed: AWS protects the role (IAM answers
          UnmodifiableEntity) because Systems Manager relies on exactly that definition. Only the description can be edited, with
          UpdateRole.
        </p>
        <form className="space-y-4" onSubmit={form.onSubmit}>
          <DescriptionField label="Role description" value={description} onChange={setDescription} error={form.error} />
          {isChanged ? <CliCommand commands={updateRoleDescriptionCommand(description)} label="AWS CLI command to change the description" /> : null}
          <div className="flex gap-2">
            <Button type="submit" variant="primary" disabled={isPending || !isChanged}>
              {isPending ? 'Saving…' : 'Save description'}
            </Button>
            {isChanged ? (
              <Button onClick={() => setDescription(currentDescription)} disabled={isPending}>
                Undo changes
              </Button>
            ) : null}
          </div>
          <SuccessStatus message={form.success} />
        </form>
      </div>
    </Card>
  );
}
