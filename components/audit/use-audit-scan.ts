'use client';

import { useCallback, useRef, useState } from 'react';
import type { AuditOverview, AuditOverviewEvent, RegionOverview } from '@/lib/audit/summary';
import { readErrorMessage, readNdjsonStream } from '@/lib/ndjson';
import type { RegionDescriptor } from '@/lib/audit/types';

// Starts (or joins) a scan through the streaming route and follows its NDJSON events.

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

export function useAuditScan(onFinished?: (audit: AuditOverview) => void): AuditScanState {
  const [live, setLive] = useState<LiveScan | null>(null);
  const [finished, setFinished] = useState<AuditOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isScanning, setIsScanning] = useState(false);
  const isRunning = useRef(false);

  const apply = useCallback(
    (event: AuditOverviewEvent) => {
      switch (event.type) {
        case 'started':
          setLive({ auditId: event.auditId, regions: event.regions, results: {}, done: 0, total: event.regions.length });
          break;
        case 'region':
          setLive((current) => ({
            auditId: event.auditId,
            regions: current?.regions ?? [],
            results: { ...(current?.results ?? {}), [event.region.region.code]: event.region },
            done: event.done,
            total: event.total,
          }));
          break;
        case 'finished':
          setFinished(event.audit);
          setLive(null);
          onFinished?.(event.audit);
          break;
        case 'failed':
          setError(event.message);
          setLive(null);
          break;
      }
    },
    [onFinished],
  );

  const start = useCallback(() => {
    if (isRunning.current) return;
    isRunning.current = true;
    setIsScanning(true);
    setError(null);
    setLive({ regions: [], results: {}, done: 0, total: 0 });
    (async () => {
      const response = await fetch('/api/audit/stream?view=overview', { method: 'POST', headers: { Accept: 'application/x-ndjson' } });
      if (!response.ok || !response.body) throw new Error(await readErrorMessage(response, 'The scan'));
      let isComplete = false;
      await readNdjsonStream<AuditOverviewEvent>(response.body, (event) => {
        if (event.type === 'finished' || event.type === 'failed') isComplete = true;
        apply(event);
      });
      if (!isComplete) throw new Error('The connection closed before the scan finished. Rescan to see its result.');
    })()
      .catch((reason: unknown) => {
        setError(reason instanceof Error ? reason.message : String(reason));
        setLive(null);
      })
      .finally(() => {
        isRunning.current = false;
        setIsScanning(false);
      });
  }, [apply]);

  return { live, finished, error, isScanning, start };
}
