import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { PageHeader } from '@/components/ui/page-header';
import { TBody, Td, Th } from '@/components/ui/table';
import { AccountRefused } from '@/components/org/account-refused';
import { MemberAccountBanner } from '@/components/org/member-account-banner';
import { listActivity, listActivityOperations } from '@/lib/activity';
import { parseActivityFilter, toFilterQuery } from '@/lib/activity/filter';
import { withAccount } from '@/lib/org/account-href';
import { getAccountScope } from '@/lib/org/account-scope';
import { requirePageSession } from '@/lib/security/page-gate';

export const metadata: Metadata = { title: 'Activity' };

const RESULT_TONES = { succeeded: 'success', failed: 'danger', refused: 'warning', observed: 'info' } as const;
const PAGE_LIMIT = 500;

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageSession('/activity', searchParams);
  await connection();
  const params = await searchParams;
  const scope = await getAccountScope(params.account);
  if (scope.kind === 'refused') return <AccountRefused message={scope.message} />;
  const memberAccountId = scope.kind === 'member' ? scope.account.account.id : undefined;
  // The account comes from the checked scope, never from the filter alone: the own view lists every entry, as before.
  const filters = { ...parseActivityFilter(params), accountId: undefined };
  const filter = memberAccountId ? { ...filters, accountId: memberAccountId } : filters;
  const entries = listActivity({ ...filter, limit: PAGE_LIMIT });
  const operations = listActivityOperations();
  const query = toFilterQuery(filter);
  const suffix = query ? `&${query}` : '';
  const hasFilters = toFilterQuery(filters) !== '';

  return (
    <>
      {scope.kind === 'member' ? <MemberAccountBanner account={scope.account} /> : null}
      <PageHeader
        title="Activity"
        description={
          memberAccountId
            ? `Every change made from this dashboard in account ${memberAccountId}, its outcome, and every refused attempt. Newest first.`
            : 'Every change made from this dashboard, its outcome, every refused attempt, and every change the watch observed. Newest first.'
        }
        actions={
          <>
            <a className={buttonClasses('secondary')} href={`/activity/export?format=csv${suffix}`} download>
              Export CSV
            </a>
            <a className={buttonClasses('secondary')} href={`/activity/export?format=json${suffix}`} download>
              Export JSON
            </a>
          </>
        }
      />
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          {memberAccountId ? <input type="hidden" name="account" value={memberAccountId} /> : null}
          <div>
            <label htmlFor="activity-operation" className="block text-sm font-medium text-slate-700">
              Operation
            </label>
            <select id="activity-operation" name="operation" defaultValue={filter.operation ?? ''} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">All operations</option>
              {operations.map((operation) => (
                <option key={operation} value={operation}>
                  {operation}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="activity-result" className="block text-sm font-medium text-slate-700">
              Result
            </label>
            <select id="activity-result" name="result" defaultValue={filter.result ?? ''} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">All results</option>
              <option value="succeeded">Succeeded</option>
              <option value="failed">Failed</option>
              <option value="refused">Refused</option>
              <option value="observed">Observed by the watch</option>
            </select>
          </div>
          <Button type="submit">Apply filters</Button>
          {hasFilters ? (
            <a href={withAccount('/activity', memberAccountId)} className="text-sm text-indigo-700 underline">
              Clear filters
            </a>
          ) : null}
        </form>
        {entries.length === 0 ? (
          <p className="text-sm text-slate-600">
            {hasFilters ? 'No entry matches these filters.' : memberAccountId ? 'No change has been made from this dashboard in this account yet.' : 'No change has been made from this dashboard yet.'}
          </p>
        ) : (
          // A wide table scrolls sideways: its region is focusable so the keyboard can scroll it too.
          <div role="region" aria-label="Activity log entries" tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600">
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption className="sr-only">Activity log, newest first</caption>
              <thead>
                <tr>
                  <Th>Time</Th>
                  <Th>Operation</Th>
                  <Th>Result</Th>
                  <Th>Target</Th>
                  <Th>Region</Th>
                  <Th>Message</Th>
                  <Th>Caller</Th>
                  <Th>Request id</Th>
                </tr>
              </thead>
              <TBody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <Td className="whitespace-nowrap">
                      <DateTime iso={entry.time} />
                    </Td>
                    <Td className="font-mono text-xs">{entry.operation}</Td>
                    <Td>
                      <Badge tone={RESULT_TONES[entry.result]}>{entry.result}</Badge>
                    </Td>
                    <Td className="text-xs">
                      <span className="block font-mono break-all">{entry.subject}</span>
                      <span className="text-slate-600">
                        {entry.target} · {entry.accountId}
                      </span>
                    </Td>
                    <Td className="font-mono text-xs">{entry.region}</Td>
                    <Td className="max-w-md text-xs">
                      {entry.message}
                      {Object.keys(entry.parameters).length > 0 ? (
                        <span className="mt-1 block font-mono break-all text-slate-600">{JSON.stringify(entry.parameters)}</span>
                      ) : null}
                    </Td>
                    <Td className="font-mono text-xs break-all">{entry.callerArn}</Td>
                    <Td className="font-mono text-xs">{entry.requestId ?? '—'}</Td>
                  </tr>
                ))}
              </TBody>
            </table>
          </div>
        )}
        {entries.length === PAGE_LIMIT ? <p className="mt-3 text-xs text-slate-600">Showing the newest {PAGE_LIMIT}; the export holds every entry.</p> : null}
      </Card>
    </>
  );
}
