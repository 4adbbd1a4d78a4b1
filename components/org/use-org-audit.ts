'use client';

import { useProgressStream } from '@/components/ui/use-progress-stream';
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

const NOT_STARTED: LiveOrgAudit = { structure: null, accounts: [], progress: {}, finishedIds: [], done: 0, total: 0 };

export function useOrgAudit(): OrgAuditState {
  return useProgressStream<OrgOverviewEvent, LiveOrgAudit, OrgOverview>({
    url: '/api/org-audit/stream',
    subject: 'The organization audit',
    closedMessage: 'The connection closed before the audit finished. Audit again to see its result.',
    initialLive: NOT_STARTED,
    reduce: (live, event) => {
      switch (event.type) {
        case 'started':
          return { structure: event.structure, accounts: event.accounts, progress: {}, finishedIds: [], done: 0, total: event.accounts.length };
        case 'account-progress':
          return { ...live, progress: { ...live.progress, [event.accountId]: { done: event.regionsDone, total: event.regionsTotal } } };
        case 'account':
          return {
            ...live,
            accounts: replaceAccount(live.accounts, event.account),
            finishedIds: [...live.finishedIds, event.account.id],
            done: event.done,
            total: event.total,
          };
      }
    },
  });
}
