'use client';

import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { HydrateApart } from '@/components/ui/hydrate-apart';
import { LastScan } from '@/components/audit/last-scan';
import { RegionTable, type RegionRow } from '@/components/audit/region-table';
import { useAuditScan } from '@/components/audit/use-audit-scan';
import { VerdictBanner } from '@/components/audit/verdict-banner';
import type { AuditOverview } from '@/lib/audit/summary';

// The live region audit: verdict, scan progress, and the region table filling in as each region finishes.

export interface AuditViewSnapshot {
  audit: AuditOverview;
  isStale: boolean;
  staleReason?: string;
}

function ScanProgress({ done, total }: { done: number; total: number }) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="rounded-lg border border-sky-200 bg-sky-50 p-4">
      <div className="flex items-center justify-between text-sm text-sky-900">
        <span>{total > 0 ? `Scanning regions: ${done} of ${total} done` : 'Listing the regions where Systems Manager exists…'}</span>
        <span aria-hidden="true">{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={done}
        aria-valuetext={total > 0 ? `${done} of ${total} regions scanned` : 'Listing regions'}
        className="mt-2 h-2 overflow-hidden rounded-full bg-sky-100"
      >
        <div className="h-full rounded-full bg-sky-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/**
 * `children`: what the page shows below the audit. It is revealed with the region table, which streams apart from
 * the page: drawn before it, it would be pushed down when the table appears.
 */
export function RegionAuditView({ initial, shouldStartScan, children }: { initial: AuditViewSnapshot | null; shouldStartScan: boolean; children?: ReactNode }) {
  const scan = useAuditScan();
  const audit = scan.finished ?? initial?.audit ?? null;
  const isStale = scan.finished ? false : (initial?.isStale ?? false);
  const hasStarted = useRef(false);
  const { start } = scan;

  useEffect(() => {
    // With no audit yet (or a scan already running elsewhere) the page starts or joins one right away.
    if (shouldStartScan && !hasStarted.current) {
      hasStarted.current = true;
      start();
    }
  }, [shouldStartScan, start]);

  const rows: RegionRow[] = useMemo(() => {
    if (scan.live && scan.live.regions.length > 0) {
      const results = scan.live.results;
      return scan.live.regions.map((region) => ({ region, audit: results[region.code] }));
    }
    return (audit?.regions ?? []).map((region) => ({ region: region.region, audit: region }));
  }, [scan.live, audit]);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          {audit ? (
            <LastScan finishedAt={audit.finishedAt} isStale={isStale} staleReason={initial?.staleReason} />
          ) : (
            <span>No scan yet.</span>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {audit && !scan.isScanning ? (
            <>
              <a href="/api/audit/export?format=json" download className={buttonClasses('secondary', 'sm')}>
                Export JSON
              </a>
              <a href="/api/audit/export?format=csv" download className={buttonClasses('secondary', 'sm')}>
                Export CSV
              </a>
            </>
          ) : null}
          <Button variant="primary" onClick={start} disabled={scan.isScanning}>
            {scan.isScanning ? 'Scanning…' : audit ? 'Rescan' : 'Scan all regions'}
          </Button>
        </div>
      </div>

      {scan.error ? (
        <Alert tone="danger" title="The scan failed" urgent>
          <p>{scan.error}</p>
        </Alert>
      ) : null}

      {scan.live ? <ScanProgress done={scan.live.done} total={scan.live.total} /> : audit ? <VerdictBanner audit={audit} /> : null}

      {rows.length > 0 ? (
        // A row per region, each with its own controls: hydrated apart from the page.
        <HydrateApart>
          <RegionTable rows={rows} lastUsedRegion={audit?.roleLastUsedRegion} />
          {children}
        </HydrateApart>
      ) : (
        <>
          {!scan.isScanning ? (
            <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
              <p>Scan every region where Systems Manager exists to see what relies on the role.</p>
            </div>
          ) : null}
          {children}
        </>
      )}
    </div>
  );
}
