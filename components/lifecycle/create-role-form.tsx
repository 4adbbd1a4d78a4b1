'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { createServiceLinkedRoleAction } from '@/app/role/creation-actions';
import { CliCommand } from '@/components/wizard/cli-command';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { createServiceLinkedRoleCommand } from '@/lib/cli-commands';
import { ROLE_NAME } from '@/lib/role/constants';
import { DescriptionField } from './description-field';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Creates AWSServiceRoleForAmazonSSM (CreateServiceLinkedRole for ssm.amazonaws.com) where the account has none.

export function CreateRoleForm({ title = `Create ${ROLE_NAME}` }: { title?: string }) {
  const accountId = useMemberAccountId();
  const router = useRouter();
  const [description, setDescription] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [isPending, startTransition] = useTransition();

  return (
    <Card
      title={title}
      description="IAM creates the role with its fixed name, path, trust (ssm.amazonaws.com) and the AWS managed policy AmazonSSMServiceRolePolicy. Only the description is yours to choose."
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          setResult(null);
          startTransition(async () => {
            const response = await createServiceLinkedRoleAction(withAccountInput({ description }, accountId));
            if (!response.ok) {
              setResult({ ok: false, message: response.message });
              return;
            }
            setResult({ ok: true, message: `Created ${ROLE_NAME} (${response.data.arn}).` });
            router.refresh();
          });
        }}
      >
        <DescriptionField label="Description (optional)" value={description} onChange={setDescription} error={result && !result.ok ? result.message : null} />
        <CliCommand commands={createServiceLinkedRoleCommand(description)} label="AWS CLI command to create the role" />
        <Button type="submit" variant="primary" disabled={isPending}>
          {isPending ? 'Creating…' : 'Create the role'}
        </Button>
        {result?.ok ? (
          <Alert tone="success">
            <p role="status">{result.message}</p>
          </Alert>
        ) : null}
      </form>
    </Card>
  );
}
