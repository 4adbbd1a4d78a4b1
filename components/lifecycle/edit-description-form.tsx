'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateRoleDescriptionAction } from '@/app/role/description-actions';
import { CliCommand } from '@/components/wizard/cli-command';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { updateRoleDescriptionCommand } from '@/lib/cli-commands';
import { DescriptionField } from './description-field';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Edits the role's description: the only property of a service-linked role that anyone but AWS may change.

export function EditDescriptionForm({ currentDescription }: { currentDescription: string }) {
  const accountId = useMemberAccountId();
  const router = useRouter();
  const [description, setDescription] = useState(currentDescription);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const isChanged = description !== currentDescription;

  return (
    <Card title="Description" description="The one thing you can change on this role.">
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          The name, path, trust policy and permissions of a service-linked role cannot be changed: AWS protects the role (IAM answers
          UnmodifiableEntity) because Systems Manager relies on exactly that definition. Only the description can be edited, with
          UpdateRole.
        </p>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            setResult(null);
            startTransition(async () => {
              const response = await updateRoleDescriptionAction(withAccountInput({ description }, accountId));
              if (!response.ok) {
                setResult({ ok: false, message: response.message });
                return;
              }
              setResult({ ok: true, message: 'Description saved.' });
              router.refresh();
            });
          }}
        >
          <DescriptionField label="Role description" value={description} onChange={setDescription} error={result && !result.ok ? result.message : null} />
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
          {result?.ok ? (
            <Alert tone="success">
              <p role="status">{result.message}</p>
            </Alert>
          ) : null}
        </form>
      </div>
    </Card>
  );
}
