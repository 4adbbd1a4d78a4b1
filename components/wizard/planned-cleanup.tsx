'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { deregisterTaskCommand, updateMaintenanceWindowTaskRoleCommand } from '@/lib/cli-commands';
import type { CleanupKind } from '@/lib/deletion/cleanup-queue';
import type { BlockingTask } from '@/lib/deletion/plan';
import { CliCommand } from './cli-command';
import { pluralize } from '@/lib/format/count';

// The confirmation of a planned move or deregistration, with the exact CLI calls it stands for.

export interface Planned {
  kind: CleanupKind;
  tasks: BlockingTask[];
  roleArn?: string;
}

export function PlannedCleanup({
  planned,
  roleName,
  isPending,
  onConfirm,
  onCancel,
}: {
  planned: Planned;
  roleName: string;
  isPending: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [planned]);
  const count = pluralize(planned.tasks.length, 'task');
  return (
    <section aria-labelledby="planned-change" className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <h3 id="planned-change" ref={heading} tabIndex={-1} className="text-sm font-semibold text-amber-950">
        {planned.kind === 'move' ? `Move ${count} to ${roleName}?` : `Deregister ${count}?`}
      </h3>
      <p className="mt-1 text-sm text-amber-950">
        {planned.kind === 'move'
          ? 'Only the task role changes (UpdateMaintenanceWindowTask with the window id, task id and ServiceRoleArn); nothing else of the task is sent.'
          : 'Each task is removed from its maintenance window and will not run again. This cannot be undone.'}
      </p>
      <div className="mt-3">
        <CliCommand
          commands={planned.tasks.map((task) =>
            planned.kind === 'move' ? updateMaintenanceWindowTaskRoleCommand(task, planned.roleArn ?? '') : deregisterTaskCommand(task),
          )}
          label="AWS CLI commands for this change"
        />
      </div>
      <div className="mt-3 flex gap-2">
        <Button variant={planned.kind === 'move' ? 'primary' : 'danger'} disabled={isPending} onClick={onConfirm}>
          {planned.kind === 'move' ? 'Confirm move' : 'Confirm deregistration'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
