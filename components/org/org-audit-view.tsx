'use client';

import { useEffect, useMemo, useRef } from 'react';
import { AccountsTable } from '@/components/org/accounts-table';
import { OuTree } from '@/components/org/ou-tree';
import { RegionMatrix } from '@/components/org/region-matrix';
import { useOrgAudit } from '@/components/org/use-org-audit';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { describeOrgVerdict, getMatrixRegions, type OrgOverview } from '@/lib/org/summary';

// The organization page: the verdict, live progress by account, the accounts table, the accounts × regions
// matrix and the tree of units, from the last audit or the one running.

function AuditProgress({ done, total }: { done: number; total: number }) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="rounded-lg border border-sky-200 bg-sky-50 p-4">
      <p className="text-sm text-sky-900">{total > 0 ? `Auditing accounts: ${done} of ${total} done` : 'Listing the organization’s accounts…'}</p>
      <div
        role="progressbar"
        aria-label="Organization audit progress"
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={done}
        aria-valuetext={total > 0 ? `${done} of ${total} accounts audited` : 'Listing accounts'}
        className="mt-2 h-2 overflow-hidden rounded-full bg-sky-100"
      >
        <div className="h-full rounded-full bg-sky-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function OrgVerdictBanner({ audit }: { audit: OrgOverview }) {
  const { verdict } = audit;
  const tone = verdict.kind === 'safe' ? 'success' : verdict.kind === 'blocked' ? 'danger' : 'warning';
  const skipped = audit.accounts.filter((account) => account.verdict === 'skipped').length;
  return (
    <Alert tone={tone} title={`Organization verdict: ${verdict.kind}`}>
      <p data-testid="org-verdict-text">{describeOrgVerdict(verdict)}</p>
      {skipped > 0 ? <p>{skipped} suspended or closing account{skipped === 1 ? ' is' : 's are'} listed and not scanned.</p> : null}
    </Alert>
  );
}

export function OrgAuditView({ initial, shouldStart }: { initial: OrgOverview | null; shouldStart: boolean }) {
  const audit = useOrgAudit();
  const shown = audit.finished ?? initial;
  const hasStarted = useRef(false);
  const { start } = audit;

  useEffect(() => {
    // With no audit yet (or one already running elsewhere) the page starts or joins one right away.
    if (shouldStart && !hasStarted.current) {
      hasStarted.current = true;
      start();
    }
  }, [shouldStart, start]);

  const live = audit.live && audit.live.structure ? audit.live : null;
  const accounts = useMemo(() => (live ? live.accounts : (shown?.accounts ?? [])), [live, shown]);
  const structure = live?.structure ?? shown?.structure ?? null;
  const regions = useMemo(() => getMatrixRegions(accounts), [accounts]);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          {shown ? (
            <>
              Last audit: <DateTime iso={shown.finishedAt} />
            </>
          ) : (
            'No organization audit yet.'
          )}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {shown && !audit.isRunning ? (
            <>
              <a href="/api/org-audit/export?format=json" download className={buttonClasses('secondary', 'sm')}>
                Export JSON
              </a>
              <a href="/api/org-audit/export?format=csv" download className={buttonClasses('secondary', 'sm')}>
                Export CSV
              </a>
            </>
          ) : null}
          <Button variant="primary" onClick={start} disabled={audit.isRunning}>
            {audit.isRunning ? 'Auditing…' : shown ? 'Audit again' : 'Audit every account'}
          </Button>
        </div>
      </div>

      {audit.error ? (
        <Alert tone="danger" title="The organization audit failed" urgent>
          <p>{audit.error}</p>
        </Alert>
      ) : null}

      {audit.live ? <AuditProgress done={audit.live.done} total={audit.live.total} /> : shown ? <OrgVerdictBanner audit={shown} /> : null}

      {accounts.length > 0 ? (
        <>
          <Card title="Accounts" description="Every account of the organization, with what relies on the role in it. Open an account to see its pages.">
            <AccountsTable accounts={accounts} progress={live?.progress ?? {}} isRunning={audit.isRunning} />
          </Card>
          <Card title="Accounts × regions" description="Each cell is one region of one account; open it for that region’s findings.">
            <RegionMatrix accounts={accounts} regions={regions} />
          </Card>
          {structure ? (
            <Card title="Organizational units">
              <OuTree structure={structure} accounts={accounts} />
            </Card>
          ) : null}
        </>
      ) : !audit.isRunning ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          <p>Audit every account to see where the organization still relies on the role.</p>
        </div>
      ) : null}
    </div>
  );
}
