'use client';

import { useId, useState, useTransition } from 'react';
import { createMaintenanceWindowRoleAction } from '@/app/role/creation-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { createMaintenanceWindowRoleCommands } from '@/lib/cli-commands';
import { CliCommand } from './cli-command';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';

// Creates a custom maintenance-window role (trusting ssm.amazonaws.com, with AmazonSSMMaintenanceWindowRole),
// only after the user has seen the calls and confirmed.

export function CreateMaintenanceWindowRole({ partition, onCreated }: { partition: string; onCreated: (arn: string) => void }) {
  const accountId = useMemberAccountId();
  const [roleName, setRoleName] = useState('SSMMaintenanceWindowRole');
  const [isConfirming, setIsConfirming] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'warning' | 'danger'; message: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const inputId = useId();
  const hintId = useId();

  return (
    <div className="rounded-md border border-slate-200 p-4">
      <h3 className="text-sm font-semibold text-slate-900">Create a maintenance-window role</h3>
      <p id={hintId} className="mt-1 text-sm text-slate-600">
        A new IAM role that only Systems Manager may assume, with the AWS managed policy AmazonSSMMaintenanceWindowRole.
        The dashboard&apos;s lifecycle policy (docs/iam/lifecycle-policy.json) allows creating roles whose name contains
        MaintenanceWindow.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
            New role name
          </label>
          <input
            id={inputId}
            aria-describedby={hintId}
            value={roleName}
            onChange={(event) => {
              setRoleName(event.target.value);
              setIsConfirming(false);
            }}
            className="mt-1 block w-72 max-w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
        </div>
        <Button onClick={() => setIsConfirming(true)} disabled={isPending || roleName.trim() === ''}>
          Create role…
        </Button>
      </div>
      {isConfirming ? (
        <div className="mt-3 space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm text-amber-950">
            Create the IAM role <span className="font-mono">{roleName}</span> in this account?
          </p>
          <CliCommand commands={createMaintenanceWindowRoleCommands(roleName, partition)} label="AWS CLI commands to create the role" />
          <div className="flex gap-2">
            <Button
              variant="primary"
              disabled={isPending}
              onClick={() =>
                startTransition(async () => {
                  const response = await createMaintenanceWindowRoleAction(withAccountInput({ roleName, isConfirmed: true }, accountId));
                  setIsConfirming(false);
                  if (!response.ok) {
                    setResult({ tone: 'danger', message: response.message });
                    return;
                  }
                  onCreated(response.data.arn);
                  setResult(
                    response.data.warning
                      ? { tone: 'warning', message: response.data.warning }
                      : { tone: 'success', message: `Created ${response.data.roleName}; it is now chosen for moved tasks.` },
                  );
                })
              }
            >
              Confirm: create the role
            </Button>
            <Button onClick={() => setIsConfirming(false)}>Cancel</Button>
          </div>
        </div>
      ) : null}
      {result ? (
        <Alert className="mt-3" tone={result.tone} urgent={result.tone === 'danger'}>
          <p>{result.message}</p>
        </Alert>
      ) : null}
    </div>
  );
}
