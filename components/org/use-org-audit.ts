'use client';

import { useCallback, useRef, useState } from 'react';
import { readErrorMessage, readNdjsonStream } from '@/lib/ndjson';
import type { AccountOverview, OrgOverview, OrgOverviewEvent, OrgStructureSummary } from '@/lib/org/summary';

// Starts (or joins) the organization audit through its streaming route and follows it account by account.

export interface LiveOrgAudit {
  structure: OrgStructureSummary | null;
  accounts: AccountOverview[];
  /** Per account still being read: regions done and in all. */
  progress: Record<string, { done: number; total: number }>;
  finishedIds: string[];
  done: number;
  total: number;
}

export interface OrgAuditState {
  live: LiveOrgAudit | null;
  finished: OrgOverview | null;
  error: string | null;
  isRunning: boolean;
  start: () => void;
}

function replaceAccount(accounts: AccountOverview[], account: AccountOverview): AccountOverview[] {
  return accounts.map((current) => (current.id === account.id ? account : current));
}

export function useOrgAudit(): OrgAuditState {
  const [live, setLive] = useState<LiveOrgAudit | null>(null);
  const [finished, setFinished] = useState<OrgOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const isStarted = useRef(false);

  const apply = useCallback((event: OrgOverviewEvent) => {
    switch (event.type) {
      case 'started':
        setLive({ structure: event.structure, accounts: event.accounts, progress: {}, finishedIds: [], done: 0, total: event.accounts.length });
        break;
      case 'account-progress':
        setLive((current) =>
          current ? { ...current, progress: { ...current.progress, [event.accountId]: { done: event.regionsDone, total: event.regionsTotal } } } : current,
        );
        break;
      case 'account':
        setLive((current) =>
          current
            ? {
                ...current,
                accounts: replaceAccount(current.accounts, event.account),
                finishedIds: [...current.finishedIds, event.account.id],
                done: event.done,
                total: event.total,
              }
            : current,
        );
        break;
      case 'finished':
        setFinished(event.audit);
        setLive(null);
        break;
      case 'failed':
        setError(event.message);
        setLive(null);
        break;
    }
  }, []);

  const start = useCallback(() => {
    if (isStarted.current) return;
    isStarted.current = true;
    setIsRunning(true);
    setError(null);
    setLive({ structure: null, accounts: [], progress: {}, finishedIds: [], done: 0, total: 0 });
    (async () => {
      const response = await fetch('/api/org-audit/stream', { method: 'POST', headers: { Accept: 'application/x-ndjson' } });
      if (!response.ok || !response.body) throw new Error(await readErrorMessage(response, 'The organization audit'));
      let isComplete = false;
      await readNdjsonStream<OrgOverviewEvent>(response.body, (event) => {
        if (event.type === 'finished' || event.type === 'failed') isComplete = true;
        apply(event);
      });
      if (!isComplete) throw new Error('The connection closed before the audit finished. Audit again to see its result.');
    })()
      .catch((reason: unknown) => {
        setError(reason instanceof Error ? reason.message : String(reason));
        setLive(null);
      })
      .finally(() => {
        isStarted.current = false;
        setIsRunning(false);
      });
  }, [apply]);

  return { live, finished, error, isRunning, start };
}
