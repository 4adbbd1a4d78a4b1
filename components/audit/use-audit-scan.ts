'use client';

import { useProgressStream } from '@/components/ui/use-progress-stream';
import type { AuditOverview, AuditOverviewEvent, RegionOverview } from '@/lib/audit/summary';
import type { RegionDescriptor } from '@/lib/audit/types';

// Starts (or joins) a scan through the streaming route and follows it region by region.

export interface LiveScan {
  auditId?: string;
  regions: RegionDescriptor[];
  results: Record<string, RegionOverview>;
  done: number;
  total: number;
}

export interface AuditScanState {
  live: LiveScan | null;
  finished: AuditOverview | null;
  error: string | null;
  isScanning: boolean;
  start: () => void;
}

const NOT_STARTED: LiveScan = { regions: [], results: {}, done: 0, total: 0 };

export function useAuditScan(onFinished?: (audit: AuditOverview) => void): AuditScanState {
  const { isRunning, ...state } = useProgressStream<AuditOverviewEvent, LiveScan, AuditOverview>({
    url: '/api/audit/stream?view=overview',
    subject: 'The scan',
    closedMessage: 'The connection closed before the scan finished. Rescan to see its result.',
    initialLive: NOT_STARTED,
    reduce: (live, event) =>
      event.type === 'started'
        ? { auditId: event.auditId, regions: event.regions, results: {}, done: 0, total: event.regions.length }
        : { auditId: event.auditId, regions: live.regions, results: { ...live.results, [event.region.region.code]: event.region }, done: event.done, total: event.total },
    ...(onFinished ? { onFinished } : {}),
  });
  return { ...state, isScanning: isRunning };
}
