'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { getAccountHref } from '@/lib/org/account-href';
import { VERDICT_TONES } from '@/components/org/org-styles';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { FilterSelect, type FilterOption } from '@/components/ui/filter-select';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import { ACCOUNT_VERDICT_LABELS, type AccountOverview } from '@/lib/org/summary';
import type { AccountVerdict } from '@/lib/org/types';

// The accounts table: filters by text, unit, status and verdict; sorting by any column; live progress while the
// audit runs. Unread figures show a dash, never 0.

type SortKey = 'name' | 'id' | 'ouPath' | 'status' | 'rolePresent' | 'lastUsedDate' | 'tasksOnRole' | 'dataImpactRegions' | 'regionsUnknown' | 'verdict';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'Account' },
  { key: 'id', label: 'Id' },
  { key: 'ouPath', label: 'Unit' },
  { key: 'status', label: 'Status' },
  { key: 'rolePresent', label: 'Role' },
  { key: 'lastUsedDate', label: 'Last used' },
  { key: 'tasksOnRole', label: 'Tasks on role' },
  { key: 'dataImpactRegions', label: 'Data impact' },
  { key: 'regionsUnknown', label: 'Regions unknown' },
  { key: 'verdict', label: 'Verdict' },
];

const VERDICT_ORDER: Record<AccountVerdict, number> = { blocked: 0, unknown: 1, safe: 2, 'no-role': 3, skipped: 4 };

function sortValue(account: AccountOverview, key: SortKey): string | number {
  switch (key) {
    case 'verdict':
      return VERDICT_ORDER[account.verdict];
    case 'rolePresent':
      return account.rolePresent === null ? -1 : account.rolePresent ? 1 : 0;
    case 'tasksOnRole':
    case 'dataImpactRegions':
    case 'regionsUnknown':
      return account[key] ?? -1;
    default:
      return account[key] ?? '';
  }
}

const VERDICT_OPTIONS: FilterOption[] = (Object.keys(ACCOUNT_VERDICT_LABELS) as AccountVerdict[]).map((key) => ({ value: key, label: ACCOUNT_VERDICT_LABELS[key] }));

function asOption(name: string): FilterOption {
  return { value: name, label: name };
}

/** Accounts directly under the root have no unit path: they are shown, and filtered, as "Root". */
function getUnitLabel(account: Pick<AccountOverview, 'ouPath'>): string {
  return account.ouPath || 'Root';
}

function figure(value: number | null) {
  return value === null ? <span aria-label="not read">–</span> : value;
}

export function AccountsTable({
  accounts,
  progress,
  isRunning,
}: {
  accounts: AccountOverview[];
  progress: Record<string, { done: number; total: number }>;
  isRunning: boolean;
}) {
  const [query, setQuery] = useState('');
  const [unit, setUnit] = useState('');
  const [verdict, setVerdict] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; isAscending: boolean }>({ key: 'verdict', isAscending: true });

  const units = useMemo(() => [...new Set(accounts.map(getUnitLabel))].sort(), [accounts]);
  const statuses = useMemo(() => [...new Set(accounts.map((account) => account.status))].sort(), [accounts]);

  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const filtered = accounts.filter(
      (account) =>
        (!needle || account.name.toLowerCase().includes(needle) || account.id.includes(needle)) &&
        (!unit || getUnitLabel(account) === unit) &&
        (!verdict || account.verdict === verdict) &&
        (!status || account.status === status),
    );
    const direction = sort.isAscending ? 1 : -1;
    return [...filtered].sort((a, b) => {
      const left = sortValue(a, sort.key);
      const right = sortValue(b, sort.key);
      const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
      return order * direction || a.name.localeCompare(b.name);
    });
  }, [accounts, query, unit, verdict, status, sort]);

  return (
    <div className="space-y-3">
      <div role="search" aria-label="Filter accounts" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Name or id
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
        </label>
        <FilterSelect label="Unit" allLabel="All units" value={unit} options={units.map(asOption)} onChange={setUnit} />
        <FilterSelect label="Status" allLabel="All statuses" value={status} options={statuses.map(asOption)} onChange={setStatus} />
        <FilterSelect label="Verdict" allLabel="All verdicts" value={verdict} options={VERDICT_OPTIONS} onChange={setVerdict} />
        <p className="text-sm text-slate-600" aria-live="polite">
          {rows.length} of {accounts.length} accounts
        </p>
      </div>
      <Table caption="Accounts">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <Th key={column.key} aria-sort={sort.key === column.key ? (sort.isAscending ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  className="uppercase hover:text-slate-900"
                  onClick={() => setSort((current) => ({ key: column.key, isAscending: current.key === column.key ? !current.isAscending : true }))}
                >
                  {column.label}
                  <span aria-hidden="true">{sort.key === column.key ? (sort.isAscending ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </Th>
            ))}
          </tr>
        </thead>
        <TBody>
          {rows.map((account) => {
            const live = progress[account.id];
            const isPending = isRunning && account.problem === 'Not read yet';
            return (
              <tr key={account.id} data-account-id={account.id}>
                <Td>
                  <Link href={getAccountHref('/', account.id, account.isCaller)} prefetch={false} className="font-medium text-indigo-700 hover:underline">
                    {account.name}
                  </Link>
                  {account.isCaller ? <span className="ml-1 text-xs text-slate-500">(this dashboard’s account)</span> : null}
                </Td>
                <Td className="font-mono text-xs">{account.id}</Td>
                <Td>{getUnitLabel(account)}</Td>
                <Td>{account.status}</Td>
                <Td>{account.rolePresent === null ? figure(null) : account.rolePresent ? 'Present' : 'Absent'}</Td>
                <Td className="whitespace-nowrap">
                  {account.lastUsedDate ? (
                    <>
                      <DateTime iso={account.lastUsedDate} />
                      {account.lastUsedRegion ? <span className="block text-xs text-slate-500">{account.lastUsedRegion}</span> : null}
                    </>
                  ) : account.rolePresent ? (
                    'Never'
                  ) : (
                    figure(null)
                  )}
                </Td>
                <Td>{figure(account.tasksOnRole)}</Td>
                <Td>{figure(account.dataImpactRegions)}</Td>
                <Td>{figure(account.regionsUnknown)}</Td>
                <Td>
                  {isPending ? (
                    <span className="text-xs text-sky-800">{live ? `Scanning: ${live.done} of ${live.total} regions` : 'Waiting'}</span>
                  ) : (
                    <>
                      <Badge tone={VERDICT_TONES[account.verdict]}>{ACCOUNT_VERDICT_LABELS[account.verdict]}</Badge>
                      {account.problem ? <span className="mt-1 block max-w-72 text-xs text-slate-600">{account.problem}</span> : null}
                    </>
                  )}
                </Td>
              </tr>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}
