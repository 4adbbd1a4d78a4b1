import { connection } from 'next/server';
import { Suspense } from 'react';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { getTargetStatus } from '@/lib/target';
import { MemberAccountSummary } from './member-account-summary';

// The header's always-visible identity: target kind, account id and caller ARN (or what stops us reading them),
// and the member account a page shows, with the assumed-role ARN it is read as.

export function TargetSummarySkeleton() {
  return (
    <div className="flex items-center gap-3" aria-hidden="true">
      <Skeleton className="h-5 w-16" />
      <Skeleton className="h-4 w-28" />
      <Skeleton className="h-4 w-64" />
    </div>
  );
}

export async function TargetSummary() {
  await connection();
  const status = await getTargetStatus();
  return (
    <div aria-label="Target" role="group" className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <span className="flex items-center gap-1.5">
        <span className="text-slate-400">Target</span>
        <Badge tone={status.kind === 'sandbox' ? 'info' : 'warning'} title={status.endpoint}>
          {status.kind}
        </Badge>
      </span>
      {status.ok ? (
        <>
          <span className="flex items-center gap-1.5">
            <span className="text-slate-400">Account</span>
            <span className="font-mono text-slate-100" data-testid="account-id">
              {status.identity.accountId}
            </span>
          </span>
          <span className="flex min-w-0 items-center gap-1.5">
            <span className="text-slate-400">Caller</span>
            <span className="truncate font-mono text-xs text-slate-100" title={status.identity.arn} data-testid="caller-arn">
              {status.identity.arn}
            </span>
          </span>
          <Suspense fallback={null}>
            <MemberAccountSummary />
          </Suspense>
        </>
      ) : (
        <span className="flex items-center gap-1.5">
          <Badge tone="danger">{status.problem.kind === 'credentials' ? 'Credentials problem' : 'Not connected'}</Badge>
          <span className="text-slate-300">{status.problem.title}</span>
        </span>
      )}
    </div>
  );
}
