'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { CleanupKind } from '@/lib/deletion/cleanup-queue';
import type { BlockingTask, RegionBlockers } from '@/lib/deletion/plan';
import { getStepHref } from '@/lib/deletion/wizard';
import { BlockingTaskItem } from './blocking-task-item';
import { CustomRoleCard, type RoleChoice } from './custom-role-card';
import { PlannedCleanup, type Planned } from './planned-cleanup';
import { useCleanupQueue } from './use-cleanup-queue';
import { useMemberAccountId } from '@/components/org/member-account-context';
import { withAccount } from '@/lib/org/account-href';

// Step 2: every maintenance-window task that runs as the role, by region. Each can be moved to a custom role or
// deregistered, one by one or as a selection, after a confirmation that shows the exact calls.

export function BlockersStep({
  blockers,
  roles,
  highlightArn,
  isAuditStale,
  partition,
}: {
  blockers: RegionBlockers[];
  roles: RoleChoice[];
  partition: string;
  highlightArn?: string;
  isAuditStale: boolean;
}) {
  const accountId = useMemberAccountId();
  const allTasks = useMemo(() => blockers.flatMap((region) => region.tasks), [blockers]);
  const queue = useCleanupQueue(allTasks);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(highlightArn && allTasks.some((task) => task.arn === highlightArn) ? [highlightArn] : []));
  const [roleArn, setRoleArn] = useState<string>(roles[0]?.arn ?? '');
  const [planned, setPlanned] = useState<Planned | null>(null);
  const highlightRef = useRef<HTMLLIElement>(null);

  useEffect(() => {
    highlightRef.current?.scrollIntoView({ block: 'center' });
  }, []);

  function plan(kind: CleanupKind, tasks: BlockingTask[]) {
    if (tasks.length === 0) {
      queue.setError('Select at least one task first.');
      return;
    }
    if (kind === 'move' && !roleArn) {
      queue.setError('Choose a custom role (or create one) before moving tasks.');
      return;
    }
    queue.setError(null);
    setPlanned({ kind, tasks, ...(kind === 'move' ? { roleArn } : {}) });
  }

  function toggle(arn: string, isSelected: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (isSelected) next.add(arn);
      else next.delete(arn);
      return next;
    });
  }

  // A task cleaned up leaves the open list, and with it the selection.
  const openTasks = allTasks.filter((task) => !queue.items[task.arn]?.ok);
  const selectedTasks = openTasks.filter((task) => selected.has(task.arn));
  const doneCount = allTasks.length - openTasks.length;

  if (allTasks.length === 0) {
    return (
      <div className="space-y-6">
        <Alert tone="success" title="No maintenance-window task relies on the role">
          <p>The last audit found no task running as the service-linked role in any region it could read.</p>
        </Alert>
        <div className="flex justify-end">
          <ButtonLink href={getStepHref('data', {}, accountId)} variant="primary">
            Continue to data impact
          </ButtonLink>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {isAuditStale ? (
        <Alert tone="info" title="The list is from the last audit">
          <p>Changes made since are shown on each task. Rescan to confirm that nothing else appeared.</p>
        </Alert>
      ) : null}

      <CustomRoleCard roles={roles} roleArn={roleArn} partition={partition} onChange={setRoleArn} />

      <Card
        title={`Tasks relying on the role (${openTasks.length} left of ${allTasks.length})`}
        description="Each task below runs as AWSServiceRoleForAmazonSSM: without a task role of its own, or with the service-linked role named explicitly."
        actions={
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={() => plan('move', selectedTasks)} disabled={queue.isPending || selectedTasks.length === 0 || !roleArn}>
              Move selected ({selectedTasks.length})
            </Button>
            <Button size="sm" variant="danger" onClick={() => plan('deregister', selectedTasks)} disabled={queue.isPending || selectedTasks.length === 0}>
              Deregister selected ({selectedTasks.length})
            </Button>
          </div>
        }
      >
        <div className="space-y-6">
          {queue.error ? (
            <Alert tone="danger" urgent>
              <p>{queue.error}</p>
            </Alert>
          ) : null}

          {planned ? (
            <PlannedCleanup
              planned={planned}
              roleName={roles.find((role) => role.arn === planned.roleArn)?.roleName ?? planned.roleArn ?? ''}
              isPending={queue.isPending}
              onConfirm={() => {
                setPlanned(null);
                queue.run(planned.kind, planned.tasks, planned.roleArn);
              }}
              onCancel={() => setPlanned(null)}
            />
          ) : null}

          <p role="status" aria-live="polite" className="text-sm text-slate-600">
            {queue.isPending ? 'Applying the change…' : doneCount > 0 ? `${doneCount} of ${allTasks.length} tasks cleaned up.` : ''}
          </p>

          {blockers.map((region) => (
            <section key={region.region} aria-labelledby={`region-${region.region}`} className="space-y-2">
              <h3 id={`region-${region.region}`} className="text-sm font-semibold text-slate-900">
                {region.regionName} <span className="font-mono text-xs font-normal text-slate-600">({region.region})</span>
                <Link href={withAccount(`/regions/${region.region}`, accountId)} className="ml-3 text-xs font-normal text-indigo-700 underline">
                  Region page
                </Link>
              </h3>
              <ul className="space-y-2">
                {region.tasks.map((task) => (
                  <BlockingTaskItem
                    key={task.arn}
                    ref={task.arn === highlightArn ? highlightRef : undefined}
                    task={task}
                    item={queue.items[task.arn]}
                    now={queue.now}
                    isHighlighted={task.arn === highlightArn}
                    isSelected={selected.has(task.arn) && queue.items[task.arn]?.ok !== true}
                    isPending={queue.isPending}
                    canMove={roleArn !== ''}
                    onSelect={(isSelected) => toggle(task.arn, isSelected)}
                    onRetry={(item) => queue.run(item.kind, [task], item.roleArn)}
                    onPlan={(kind) => plan(kind, [task])}
                  />
                ))}
              </ul>
            </section>
          ))}
        </div>
      </Card>

      <div className="flex flex-wrap justify-end gap-3">
        <ButtonLink href={getStepHref('preflight', {}, accountId)}>Back to preflight</ButtonLink>
        <ButtonLink href={getStepHref('data', {}, accountId)} variant="primary">
          Continue to data impact
        </ButtonLink>
      </div>
    </div>
  );
}
