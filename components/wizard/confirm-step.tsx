'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type ReactNode } from 'react';
import { startDeletionAction } from '@/app/delete/deletion-actions';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { deleteServiceLinkedRoleCommand } from '@/lib/cli-commands';
import { ROLE_NAME } from '@/lib/role/constants';
import { CliCommand } from './cli-command';
import { getStepHref } from '@/lib/deletion/wizard';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Step 4: the summary and the typed confirmation. Only the exact role name starts DeleteServiceLinkedRole.

export function ConfirmStep({
  summary,
  warnings,
  isAcknowledgementRequired,
  isDataImpactUnknown,
  hasAcknowledgedDataImpact,
  memberAccountLabel,
}: {
  /** A member account's name and id: the confirmation names the account the role is deleted in. */
  memberAccountLabel?: string;
  summary: ReactNode;
  warnings: string[];
  isAcknowledgementRequired: boolean;
  isDataImpactUnknown: boolean;
  hasAcknowledgedDataImpact: boolean;
}) {
  const accountId = useMemberAccountId();
  const router = useRouter();
  const [typedName, setTypedName] = useState('');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  return (
    <div className="space-y-6">
      <Card title="What will happen">{summary}</Card>

      {warnings.length > 0 ? (
        <Alert tone="warning" title="Before you delete">
          <ul className="list-disc space-y-1 pl-5">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      {isAcknowledgementRequired && !hasAcknowledgedDataImpact ? (
        <Alert tone="warning" title="Data impact not acknowledged">
          <p>
            {isDataImpactUnknown ? 'No audit is stored, so what stops syncing is unknown. ' : null}
            Go back to the <a className="underline" href={getStepHref('data', {}, accountId)}>data impact step</a>
            {isDataImpactUnknown ? ', let it audit every region,' : null} and acknowledge what stops syncing first.
          </p>
        </Alert>
      ) : null}

      <Card title={memberAccountLabel ? `Confirm the deletion in account ${memberAccountLabel}` : 'Confirm the deletion'}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            setError(null);
            startTransition(async () => {
              const response = await startDeletionAction(withAccountInput({ confirmRoleName: typedName, hasAcknowledgedDataImpact }, accountId));
              if (!response.ok) {
                setError({ message: response.message, ...(response.fieldErrors?.confirmRoleName ? { field: response.fieldErrors.confirmRoleName[0] } : {}) });
                return;
              }
              router.push(getStepHref('delete', {}, accountId));
            });
          }}
        >
          <div>
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
              Type the role name to confirm
            </label>
            <p id={hintId} className="mt-1 text-sm text-slate-600">
              Type <span className="font-mono font-semibold select-all">{ROLE_NAME}</span> exactly
              {memberAccountLabel ? ` to delete it in member account ${memberAccountLabel}` : null}.
            </p>
            <input
              id={inputId}
              name="confirmRoleName"
              autoComplete="off"
              spellCheck={false}
              value={typedName}
              onChange={(event) => setTypedName(event.target.value)}
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              aria-invalid={error?.field ? true : undefined}
              className="mt-2 block w-full max-w-md rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            />
            {error ? (
              <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
                {error.message}
              </p>
            ) : null}
          </div>
          <CliCommand commands={deleteServiceLinkedRoleCommand()} label="AWS CLI command for the deletion" />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={isPending}>
              {isPending ? 'Starting the deletion…' : 'Delete the role'}
            </Button>
            <ButtonLink href={getStepHref('data', {}, accountId)}>Back to data impact</ButtonLink>
          </div>
        </form>
      </Card>
    </div>
  );
}
