'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { discardDeletionRecordAction } from '@/app/delete/deletion-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { getDeletionStatusCommand } from '@/lib/cli-commands';
import { ROLE_NAME } from '@/lib/role/constants';
import { CliCommand } from './cli-command';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// A stored deletion record that cannot be read: what that means, how to check the role by hand, and the way out.

export function UnreadableDeletionRecord({ message }: { message: string }) {
  const accountId = useMemberAccountId();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <Alert tone="danger" title="The record of the last deletion cannot be read" className="mb-6" urgent>
      <div className="space-y-3">
        <p>{message}</p>
        <p>
          The wizard cannot tell which deletion task it was following, or how it ended. The Overview page shows whether {ROLE_NAME} still exists; a
          task id you noted can be read with the command below. Discarding the record changes nothing in AWS, and the activity log keeps why it was
          discarded.
        </p>
        <CliCommand commands={getDeletionStatusCommand('<deletion-task-id>')} label="AWS CLI command to read a deletion task" />
        <Button
          variant="danger"
          disabled={isPending}
          onClick={() => {
            setError(null);
            startTransition(async () => {
              const result = await discardDeletionRecordAction(withAccountInput({}, accountId));
              if (!result.ok) {
                setError(result.message);
                return;
              }
              router.refresh();
            });
          }}
        >
          {isPending ? 'Discarding…' : 'Discard the unreadable record'}
        </Button>
        {error ? (
          <p role="alert" className="text-sm">
            {error}
          </p>
        ) : null}
      </div>
    </Alert>
  );
}
