'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { pollDeletionAction } from '@/app/delete/deletion-actions';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/date-time';
import { getDeletionStatusCommand } from '@/lib/cli-commands';
import { hasDeletedRole, type DeletionFailure, type DeletionRecord } from '@/lib/deletion/machine';
import { getRegionName } from '@/lib/regions';
import { CliCommand } from './cli-command';
import { getStepHref, type DeletionView } from '@/lib/deletion/wizard';
import { useMemberAccountId, withAccountInput } from '@/components/org/member-account-context';
import { withAccount } from '@/lib/org/account-href';
import { pluralize } from '@/lib/format/count';

// Step 5: follows the deletion task. The task id is already stored on the server, so a reload (or a restart of
// the server) picks up the same task; the browser only asks the server for the next poll, with backoff.

const RETRY_AFTER_ERROR_MS = 5_000;

function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function resourceKind(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  if (resource.startsWith('windowtask/')) return 'Maintenance-window task';
  if (resource.startsWith('maintenancewindow/')) return 'Maintenance window';
  if (resource.startsWith('association/')) return 'Association';
  if (resource.startsWith('resource-data-sync/')) return 'Resource data sync';
  return 'Resource';
}

export function DeletionTracker({ initial, isRolePresent }: { initial: DeletionView; isRolePresent: boolean }) {
  const accountId = useMemberAccountId();
  const [view, setView] = useState<DeletionView>(initial);
  const [connectionError, setConnectionError] = useState<string | null>(null);
  // The browser's clock is read only after hydration, so the server's render and the first client render agree.
  const [now, setNow] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const record = view.record;

  useEffect(() => {
    if (view.nextPollInMs === null) return;
    let isCancelled = false;
    const delay = connectionError ? RETRY_AFTER_ERROR_MS : view.nextPollInMs;
    timer.current = setTimeout(() => {
      pollDeletionAction(withAccountInput({}, accountId)).then(
        (response) => {
          if (isCancelled) return;
          if (response.ok) {
            setConnectionError(null);
            setView(response.data);
          } else {
            setConnectionError(response.message);
            setView((current) => ({ ...current }));
          }
        },
        (error: unknown) => {
          if (isCancelled) return;
          setConnectionError(`The dashboard could not be reached (${error instanceof Error ? error.message : String(error)}). Retrying.`);
          // A changed object re-arms the effect for the next attempt.
          setView((current) => ({ ...current }));
        },
      );
    }, delay);
    return () => {
      isCancelled = true;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [view, connectionError, accountId]);

  const isRunning = record !== null && view.nextPollInMs !== null;
  useEffect(() => {
    if (!isRunning) return;
    const first = setTimeout(() => setNow(Date.now()), 0);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(first);
      clearInterval(tick);
    };
  }, [isRunning]);

  if (!record) {
    return (
      <Alert tone="info" title="No deletion in progress">
        <p>
          Start from the <Link className="underline" href={getStepHref('preflight', {}, accountId)}>preflight</Link>.
        </p>
      </Alert>
    );
  }

  const endMs = record.finishedAt ? Date.parse(record.finishedAt) : (now ?? Date.parse(record.lastCheckedAt ?? record.requestedAt));
  const elapsed = formatElapsed(endMs - Date.parse(record.requestedAt));

  return (
    <div className="space-y-6">
      <Card
        title={
          record.phase === 'succeeded'
            ? 'The role is deleted'
            : record.phase === 'recreated'
              ? 'The role was deleted, then recreated'
            : record.phase === 'failed'
              ? 'The deletion failed'
              : record.phase === 'confirming'
                ? 'Confirming that the role is gone'
                : 'Deleting the role'
        }
        description={`Deletion task, round ${record.round}, started ${formatDateTime(record.requestedAt)}. Elapsed: ${elapsed}.`}
      >
        <div className="space-y-4">
          <p role="status" aria-live="polite" className="text-sm text-slate-800">
            <StatusLine record={record} />
          </p>
          {view.isLongRunning && isRunning ? (
            <Alert tone="warning" title="This deletion is taking longer than five minutes">
              <p>
                IAM is still working on it; the dashboard keeps polling. You may leave this page: the task is stored and tracking resumes when you come
                back.
              </p>
            </Alert>
          ) : null}
          {connectionError ? (
            <Alert tone="warning">
              <p>{connectionError}</p>
            </Alert>
          ) : null}
          <p className="text-xs break-all text-slate-600">
            Task id <span className="font-mono">{record.deletionTaskId}</span>
          </p>
          <CliCommand commands={getDeletionStatusCommand(record.deletionTaskId)} label="AWS CLI command to read this deletion task" />
        </div>
      </Card>

      {record.phase === 'failed' && record.failure ? <FailureDetails failure={record.failure} /> : null}

      {record.phase === 'recreated' || (record.phase === 'succeeded' && isRolePresent) ? (
        <Alert tone="warning" title="The role exists again">
          <p>
            This deletion succeeded, but AWSServiceRoleForAmazonSSM has been created again since
            {record.recreatedAt ? ` (at ${formatDateTime(record.recreatedAt)})` : ''}: from this dashboard, by a maintenance-window task
            registered without a role, or by Inventory, Explorer or Quick Setup. Start from the{' '}
            <Link className="underline" href={getStepHref('preflight', {}, accountId)}>
              preflight
            </Link>{' '}
            to delete it again.
          </p>
        </Alert>
      ) : null}

      {hasDeletedRole(record) ? (
        <div className="flex justify-end">
          <ButtonLink href={getStepHref('after', {}, accountId)} variant="primary">
            Continue
          </ButtonLink>
        </div>
      ) : null}

      <Card title="Timeline">
        <ol aria-label="Deletion timeline" className="space-y-2">
          {record.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="flex gap-3 text-sm">
              <time dateTime={entry.at} title={formatDateTime(entry.at)} className="w-28 shrink-0 font-mono text-xs text-slate-600">
                {new Date(entry.at).toISOString().slice(11, 23)}
              </time>
              <span className="text-slate-800">
                {entry.status ? <Badge tone={entry.status === 'FAILED' ? 'danger' : entry.status === 'SUCCEEDED' ? 'success' : 'info'}>{entry.status}</Badge> : null}{' '}
                {entry.message}
                {entry.requestId ? <span className="ml-1 text-xs text-slate-600">(request id {entry.requestId})</span> : null}
              </span>
            </li>
          ))}
        </ol>
      </Card>

      {record.previousRounds.length > 0 ? (
        <Card title="Earlier rounds">
          <ul className="space-y-2 text-sm">
            {record.previousRounds.map((round, index) => (
              <li key={round.deletionTaskId}>
                Round {index + 1}: {round.outcome === 'failed' ? 'FAILED' : 'SUCCEEDED'} at {formatDateTime(round.finishedAt)}
                {round.failure ? ` — ${round.failure.reason}` : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function StatusLine({ record }: { record: DeletionRecord }) {
  switch (record.phase) {
    case 'succeeded':
      return <>SUCCEEDED: IAM confirms that AWSServiceRoleForAmazonSSM no longer exists.</>;
    case 'recreated':
      return (
        <>
          SUCCEEDED, then recreated: IAM deleted AWSServiceRoleForAmazonSSM, and a new role of that name was created
          {record.recreatedAt ? ` at ${formatDateTime(record.recreatedAt)}` : ''}.
        </>
      );
    case 'failed':
      return <>FAILED: {record.timeline.at(-1)?.kind === 'unconfirmed' ? 'the deletion could not be confirmed and the role is still there.' : 'IAM could not delete the role because something still uses it.'}</>;
    case 'confirming':
      return <>Checking with GetRole that the role is really gone…</>;
    default:
      return <>Status {record.lastStatus ?? 'requested'}: polling the deletion task…</>;
  }
}

function FailureDetails({ failure }: { failure: DeletionFailure }) {
  const accountId = useMemberAccountId();
  const count = failure.usage.reduce((total, usage) => total + usage.resources.length, 0);
  return (
    <Card title="Why it failed" description="AWS's reason and the resources it listed. The list may be partial: after cleaning these up, the next attempt may name more.">
      <div className="space-y-4">
        <Alert tone="danger" title="Reason from IAM" urgent>
          <p>{failure.reason}</p>
        </Alert>
        {failure.usage.length === 0 ? (
          <p className="text-sm text-slate-700">IAM listed no resources. A fresh audit shows what still relies on the role.</p>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              {pluralize(count, 'resource')} in {pluralize(failure.usage.length, 'region')}:
            </p>
            {failure.usage.map((usage) => (
              <section key={usage.region} aria-label={`Usage in ${usage.region}`} className="space-y-1">
                <h3 className="text-sm font-semibold text-slate-900">
                  <Link className="text-indigo-700 underline" href={withAccount(`/regions/${usage.region}`, accountId)}>
                    {getRegionName(usage.region)} ({usage.region})
                  </Link>
                </h3>
                <ul className="space-y-1 pl-4">
                  {usage.resources.map((resource) => (
                    <li key={resource} className="text-sm">
                      <span className="text-slate-600">{resourceKind(resource)}:</span> <span className="font-mono text-xs break-all">{resource}</span>{' '}
                      <Link className="text-xs text-indigo-700 underline" href={withAccount(`/regions/${usage.region}`, accountId)}>
                        region page
                      </Link>{' '}
                      <Link className="text-xs text-indigo-700 underline" href={withAccount('/graph', accountId)}>
                        graph
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
        <ButtonLink href={getStepHref('blockers', { rescan: '1' }, accountId)} variant="primary">
          Clean these up and try again
        </ButtonLink>
      </div>
    </Card>
  );
}
