'use client';

import clsx from 'clsx';
import type { Ref } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { hasAutomaticRetriesStopped, type CleanupItem, type CleanupKind } from '@/lib/deletion/cleanup-queue';
import type { BlockingTask } from '@/lib/deletion/plan';

// One task of the blockers step: its selection box, what it is, the outcome of its last clean-up, and its buttons.

/** Names a task uniquely enough for buttons and labels: its name (or id) and its region. */
export function taskLabel(task: BlockingTask): string {
  return `${task.name ?? task.windowTaskId} in ${task.region}`;
}

export function BlockingTaskItem({
  ref,
  task,
  item,
  now,
  isHighlighted,
  isSelected,
  isPending,
  canMove,
  onSelect,
  onRetry,
  onPlan,
}: {
  ref?: Ref<HTMLLIElement> | undefined;
  task: BlockingTask;
  item: CleanupItem | undefined;
  now: number;
  isHighlighted: boolean;
  isSelected: boolean;
  isPending: boolean;
  canMove: boolean;
  onSelect(isSelected: boolean): void;
  onRetry(item: CleanupItem): void;
  onPlan(kind: CleanupKind): void;
}) {
  const label = taskLabel(task);
  const secondsLeft = item?.retryAt !== undefined ? Math.max(0, Math.ceil((item.retryAt - now) / 1000)) : null;
  const isDone = item?.ok === true;
  return (
    <li ref={ref} className={clsx('rounded-md border p-3', isHighlighted ? 'border-indigo-400 bg-indigo-50' : 'border-slate-200')}>
      <div className="flex flex-wrap items-start gap-3">
        <input
          type="checkbox"
          id={`select-${task.arn}`}
          className="mt-1 h-4 w-4"
          checked={isSelected}
          disabled={isDone}
          onChange={(event) => onSelect(event.target.checked)}
        />
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={`select-${task.arn}`} className="block text-sm font-medium text-slate-900">
            Select task {label}
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
              {!item.ok && secondsLeft !== null ? <span className="ml-1 text-slate-700">Retrying automatically in {secondsLeft} s.</span> : null}
              {hasAutomaticRetriesStopped(item) ? (
                <span className="ml-1 text-slate-700">Automatic retries stopped; retry by hand when SSM is done.</span>
              ) : null}
            </div>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          {item && !item.ok ? (
            <Button size="sm" disabled={isPending} aria-label={`Retry now: ${label}`} onClick={() => onRetry(item)}>
              Retry now
            </Button>
          ) : null}
          <Button size="sm" disabled={isPending || isDone || !canMove} aria-label={`Move to role: ${label}`} onClick={() => onPlan('move')}>
            Move to role
          </Button>
          <Button size="sm" variant="danger" disabled={isPending || isDone} aria-label={`Deregister ${label}`} onClick={() => onPlan('deregister')}>
            Deregister
          </Button>
        </div>
      </div>
    </li>
  );
}
