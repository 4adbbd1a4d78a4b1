'use client';

import clsx from 'clsx';
import Link from 'next/link';
import { useEffect, useId, useMemo, useRef, useState, useTransition } from 'react';
import { deregisterTasksAction, moveTasksToRoleAction } from '@/app/delete/cleanup-actions';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { deregisterTaskCommand, updateMaintenanceWindowTaskRoleCommand } from '@/lib/cli-commands';
import type { BlockingTask, RegionBlockers } from '@/lib/deletion/plan';
import type { ItemOutcome } from '@/lib/actions/result';
import { CliCommand } from './cli-command';
import { CreateMaintenanceWindowRole } from './create-maintenance-window-role';
import { getStepHref } from './steps';

// Step 2: every maintenance-window task that runs as the role, by region. Each can be moved to a custom role or
// deregistered, one by one or as a selection, after a confirmation that shows the exact calls.

export interface RoleChoice {
  roleName: string;
  arn: string;
}

type CleanupKind = 'move' | 'deregister';

interface Planned {
  kind: CleanupKind;
  tasks: BlockingTask[];
  roleArn?: string;
}

interface ItemState extends ItemOutcome {
  kind: CleanupKind;
  roleArn?: string;
  attempts: number;
  /** Set for a transient failure: when the automatic retry is due (epoch ms). */
  retryAt?: number;
}

const MAX_AUTOMATIC_RETRIES = 3;

/** Waits before retrying a clean-up that failed because Systems Manager was using the role: 15 s, 30 s, 60 s. */
function getRetryDelayMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 60_000);
}

/** Names a task uniquely enough for buttons and labels: its name (or id) and its region. */
function taskLabel(task: BlockingTask): string {
  return `${task.name ?? task.windowTaskId} in ${task.region}`;
}

export function BlockersStep({
  blockers,
  roles,
  highlightArn,
  isAuditStale,
}: {
  blockers: RegionBlockers[];
  roles: RoleChoice[];
  highlightArn?: string;
  isAuditStale: boolean;
}) {
  const allTasks = useMemo(() => blockers.flatMap((region) => region.tasks), [blockers]);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(highlightArn && allTasks.some((task) => task.arn === highlightArn) ? [highlightArn] : []));
  const [roleArn, setRoleArn] = useState<string>(roles[0]?.arn ?? '');
  const [items, setItems] = useState<Record<string, ItemState>>({});
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const [now, setNow] = useState(() => Date.now());
  const roleSelectId = useId();
  const plannedHeading = useRef<HTMLHeadingElement>(null);
  const highlightRef = useRef<HTMLLIElement>(null);

  const roleName = (arn: string | undefined) => roles.find((role) => role.arn === arn)?.roleName ?? arn ?? '';

  useEffect(() => {
    highlightRef.current?.scrollIntoView({ block: 'center' });
  }, []);

  useEffect(() => {
    if (planned) plannedHeading.current?.focus();
  }, [planned]);

  function run(kind: CleanupKind, tasks: BlockingTask[], targetRoleArn: string | undefined) {
    setError(null);
    startTransition(async () => {
      const refs = tasks.map((task) => ({ arn: task.arn, region: task.region, windowId: task.windowId, windowTaskId: task.windowTaskId }));
      const result =
        kind === 'move'
          ? await moveTasksToRoleAction({ roleArn: targetRoleArn, tasks: refs, isConfirmed: true })
          : await deregisterTasksAction({ tasks: refs, isConfirmed: true });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      const finishedAt = Date.now();
      setNow(finishedAt);
      setItems((current) => {
        const next = { ...current };
        for (const outcome of result.data.outcomes) {
          const attempts = (current[outcome.key]?.attempts ?? 0) + 1;
          next[outcome.key] = {
            ...outcome,
            kind,
            ...(targetRoleArn ? { roleArn: targetRoleArn } : {}),
            attempts,
            ...(outcome.isTransient && attempts <= MAX_AUTOMATIC_RETRIES ? { retryAt: finishedAt + getRetryDelayMs(attempts) } : {}),
          };
        }
        return next;
      });
      setSelected((current) => {
        const next = new Set(current);
        for (const outcome of result.data.outcomes) if (outcome.ok) next.delete(outcome.key);
        return next;
      });
    });
  }

  // Automatic retry of transient failures once their countdown reaches zero (checked by the countdown's timer).
  const retryDue = useRef<(at: number) => void>(() => undefined);
  useEffect(() => {
    retryDue.current = (at) => {
      if (isPending) return;
      const due = Object.values(items).filter((item) => item.retryAt !== undefined && item.retryAt <= at);
      const first = due[0];
      if (!first) return;
      const sameKind = due.filter((item) => item.kind === first.kind && item.roleArn === first.roleArn);
      const tasks = sameKind.map((item) => allTasks.find((task) => task.arn === item.key)).filter((task): task is BlockingTask => task !== undefined);
      setItems((current) => {
        const next = { ...current };
        for (const item of sameKind) {
          const existing = next[item.key];
          if (existing) next[item.key] = { ...existing, retryAt: undefined };
        }
        return next;
      });
      if (tasks.length > 0) run(first.kind, tasks, first.roleArn);
    };
  });

  const hasCountdown = Object.values(items).some((item) => item.retryAt !== undefined);
  useEffect(() => {
    if (!hasCountdown) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      retryDue.current(at);
    }, 1000);
    return () => clearInterval(timer);
  }, [hasCountdown]);

  function plan(kind: CleanupKind, tasks: BlockingTask[]) {
    if (tasks.length === 0) {
      setError('Select at least one task first.');
      return;
    }
    if (kind === 'move' && !roleArn) {
      setError('Choose a custom role (or create one) before moving tasks.');
      return;
    }
    setError(null);
    setPlanned({ kind, tasks, ...(kind === 'move' ? { roleArn } : {}) });
  }

  const openTasks = allTasks.filter((task) => !items[task.arn]?.ok);
  const selectedTasks = openTasks.filter((task) => selected.has(task.arn));
  const doneCount = allTasks.length - openTasks.length;

  if (allTasks.length === 0) {
    return (
      <div className="space-y-6">
        <Alert tone="success" title="No maintenance-window task relies on the role">
          <p>The last audit found no task running as the service-linked role in any region it could read.</p>
        </Alert>
        <div className="flex justify-end">
          <ButtonLink href={getStepHref('data')} variant="primary">
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

      <Card
        title="Custom role for moved tasks"
        description="AWS recommends a custom maintenance-window role instead of the service-linked role. A task moved to it keeps its targets, parameters and schedule."
      >
        <div className="space-y-4">
          {roles.length > 0 ? (
            <div className="flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor={roleSelectId} className="block text-sm font-medium text-slate-700">
                  Custom role
                </label>
                <select
                  id={roleSelectId}
                  value={roleArn}
                  onChange={(event) => setRoleArn(event.target.value)}
                  className="mt-1 block w-80 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
                >
                  {roles.map((role) => (
                    <option key={role.arn} value={role.arn}>
                      {role.roleName}
                    </option>
                  ))}
                </select>
              </div>
              <p className="text-xs text-slate-600">Roles of this account that trust ssm.amazonaws.com.</p>
            </div>
          ) : (
            <p className="text-sm text-slate-700">No role of this account trusts ssm.amazonaws.com yet. Create one below.</p>
          )}
          <CreateMaintenanceWindowRole onCreated={(arn) => setRoleArn(arn)} />
        </div>
      </Card>

      <Card
        title={`Tasks relying on the role (${openTasks.length} left of ${allTasks.length})`}
        description="Each task below runs as AWSServiceRoleForAmazonSSM: without a task role of its own, or with the service-linked role named explicitly."
        actions={
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={() => plan('move', selectedTasks)} disabled={isPending || selectedTasks.length === 0 || !roleArn}>
              Move selected ({selectedTasks.length})
            </Button>
            <Button size="sm" variant="danger" onClick={() => plan('deregister', selectedTasks)} disabled={isPending || selectedTasks.length === 0}>
              Deregister selected ({selectedTasks.length})
            </Button>
          </div>
        }
      >
        <div className="space-y-6">
          {error ? (
            <Alert tone="danger" urgent>
              <p>{error}</p>
            </Alert>
          ) : null}

          {planned ? (
            <section aria-labelledby="planned-change" className="rounded-md border border-amber-300 bg-amber-50 p-4">
              <h3 id="planned-change" ref={plannedHeading} tabIndex={-1} className="text-sm font-semibold text-amber-950">
                {planned.kind === 'move'
                  ? `Move ${planned.tasks.length} task${planned.tasks.length === 1 ? '' : 's'} to ${roleName(planned.roleArn)}?`
                  : `Deregister ${planned.tasks.length} task${planned.tasks.length === 1 ? '' : 's'}?`}
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
                <Button
                  variant={planned.kind === 'move' ? 'primary' : 'danger'}
                  disabled={isPending}
                  onClick={() => {
                    const current = planned;
                    setPlanned(null);
                    run(current.kind, current.tasks, current.roleArn);
                  }}
                >
                  {planned.kind === 'move' ? 'Confirm move' : 'Confirm deregistration'}
                </Button>
                <Button onClick={() => setPlanned(null)}>Cancel</Button>
              </div>
            </section>
          ) : null}

          <p role="status" aria-live="polite" className="text-sm text-slate-600">
            {isPending ? 'Applying the change…' : doneCount > 0 ? `${doneCount} of ${allTasks.length} tasks cleaned up.` : ''}
          </p>

          {blockers.map((region) => (
            <section key={region.region} aria-labelledby={`region-${region.region}`} className="space-y-2">
              <h3 id={`region-${region.region}`} className="text-sm font-semibold text-slate-900">
                {region.regionName} <span className="font-mono text-xs font-normal text-slate-600">({region.region})</span>
                <Link href={`/regions/${region.region}`} className="ml-3 text-xs font-normal text-indigo-700 underline">
                  Region page
                </Link>
              </h3>
              <ul className="space-y-2">
                {region.tasks.map((task) => {
                  const item = items[task.arn];
                  const isHighlighted = task.arn === highlightArn;
                  const secondsLeft = item?.retryAt !== undefined ? Math.max(0, Math.ceil((item.retryAt - now) / 1000)) : null;
                  return (
                    <li
                      key={task.arn}
                      ref={isHighlighted ? highlightRef : undefined}
                      className={clsx('rounded-md border p-3', isHighlighted ? 'border-indigo-400 bg-indigo-50' : 'border-slate-200')}
                    >
                      <div className="flex flex-wrap items-start gap-3">
                        <input
                          type="checkbox"
                          id={`select-${task.arn}`}
                          className="mt-1 h-4 w-4"
                          checked={selected.has(task.arn)}
                          disabled={item?.ok === true}
                          onChange={(event) =>
                            setSelected((current) => {
                              const next = new Set(current);
                              if (event.target.checked) next.add(task.arn);
                              else next.delete(task.arn);
                              return next;
                            })
                          }
                        />
                        <div className="min-w-0 flex-1 space-y-1">
                          <label htmlFor={`select-${task.arn}`} className="block text-sm font-medium text-slate-900">
                            Select task {taskLabel(task)}
                          </label>
                          <p className="text-xs text-slate-600">
                            Window {task.windowName} (<span className="font-mono">{task.windowId}</span>) · {task.type} {task.taskArn} ·{' '}
                            {task.roleUse === 'implicit' ? 'no task role, runs as the service-linked role' : 'names the service-linked role explicitly'}
                          </p>
                          <p className="font-mono text-xs break-all text-slate-600">{task.arn}</p>
                          {item ? (
                            <div aria-live="polite" className="pt-1 text-sm">
                              {item.ok ? (
                                <Badge tone="success">{item.kind === 'move' ? 'Moved' : 'Deregistered'}</Badge>
                              ) : (
                                <Badge tone={item.isTransient ? 'warning' : 'danger'}>{item.isTransient ? 'Retry needed' : 'Failed'}</Badge>
                              )}{' '}
                              <span className={item.ok ? 'text-emerald-800' : 'text-red-800'}>{item.message}</span>
                              {item.requestId ? <span className="ml-1 text-xs text-slate-600">(request id {item.requestId})</span> : null}
                              {!item.ok && secondsLeft !== null ? (
                                <span className="ml-1 text-slate-700">Retrying automatically in {secondsLeft} s.</span>
                              ) : null}
                              {!item.ok && item.isTransient && item.retryAt === undefined && item.attempts > MAX_AUTOMATIC_RETRIES ? (
                                <span className="ml-1 text-slate-700">Automatic retries stopped; retry by hand when SSM is done.</span>
                              ) : null}
                            </div>
                          ) : null}
                        </div>
                        <div className="flex flex-wrap gap-2">
                          {item && !item.ok ? (
                            <Button
                              size="sm"
                              disabled={isPending}
                              aria-label={`Retry now: ${taskLabel(task)}`}
                              onClick={() => {
                                setItems((current) => ({ ...current, [task.arn]: { ...item, retryAt: undefined } }));
                                run(item.kind, [task], item.roleArn);
                              }}
                            >
                              Retry now
                            </Button>
                          ) : null}
                          <Button
                            size="sm"
                            disabled={isPending || item?.ok === true || !roleArn}
                            aria-label={`Move to role: ${taskLabel(task)}`}
                            onClick={() => plan('move', [task])}
                          >
                            Move to role
                          </Button>
                          <Button
                            size="sm"
                            variant="danger"
                            disabled={isPending || item?.ok === true}
                            aria-label={`Deregister ${taskLabel(task)}`}
                            onClick={() => plan('deregister', [task])}
                          >
                            Deregister
                          </Button>
                        </div>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      </Card>

      <div className="flex flex-wrap justify-end gap-3">
        <ButtonLink href={getStepHref('preflight')}>Back to preflight</ButtonLink>
        <ButtonLink href={getStepHref('data')} variant="primary">
          Continue to data impact
        </ButtonLink>
      </div>
    </div>
  );
}
