'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { ScanStatusBadge } from '@/components/audit/scan-status-badge';
import { describeStatus, getShortStatusReason, isRegionUnknown, type RegionCounts, type RegionOverview } from '@/lib/audit/summary';
import type { RegionDescriptor } from '@/lib/audit/types';
import { withAccount } from '@/lib/org/account-href';
import { formatCount, pluralize } from '@/lib/format/count';

// One row per region, sortable by any column and filterable; rows still being scanned say so.

export interface RegionRow {
  region: RegionDescriptor;
  /** undefined while the region is being scanned. */
  audit?: RegionOverview;
}

type CountColumn = keyof RegionCounts;
type SortKey = 'region' | 'optIn' | 'status' | CountColumn;
type SortDirection = 'ascending' | 'descending';

const COUNT_COLUMNS: Array<{ key: CountColumn; label: string }> = [
  { key: 'windows', label: 'Windows' },
  { key: 'tasksOnRole', label: 'Tasks on the role' },
  { key: 'tasksOnCustomRoles', label: 'Tasks on custom roles' },
  { key: 'inventoryAssociations', label: 'Inventory associations' },
  { key: 'dataSyncs', label: 'Data syncs' },
  { key: 'resourceGroups', label: 'Resource groups' },
  { key: 'taggedResources', label: 'Tagged resources' },
];

const STATUS_ORDER = ['error', 'access-denied', 'throttled', 'timed-out', 'ok', 'no-ssm', 'not-enabled'];

function isBlocking(row: RegionRow): boolean {
  return (row.audit?.counts?.tasksOnRole ?? 0) > 0;
}

function isProblem(row: RegionRow): boolean {
  if (!row.audit) return false;
  return isBlocking(row) || isRegionUnknown(row.audit.status) || row.audit.warnings.length > 0;
}

/** A value to sort by; null (unknown or pending) sorts last whatever the direction. */
function sortValue(row: RegionRow, key: SortKey): string | number | null {
  switch (key) {
    case 'region':
      return row.region.code;
    case 'optIn':
      return row.region.optInStatus;
    case 'status':
      return row.audit ? STATUS_ORDER.indexOf(row.audit.status.kind) : null;
    default: {
      const counts = row.audit?.counts;
      return counts ? counts[key] : null;
    }
  }
}

function compareRows(a: RegionRow, b: RegionRow, key: SortKey, direction: SortDirection): number {
  const left = sortValue(a, key);
  const right = sortValue(b, key);
  if (left === null && right === null) return a.region.code.localeCompare(b.region.code);
  if (left === null) return 1;
  if (right === null) return -1;
  const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
  const directed = direction === 'ascending' ? order : -order;
  return directed !== 0 ? directed : a.region.code.localeCompare(b.region.code);
}

const OPT_IN_LABELS: Record<RegionDescriptor['optInStatus'], string> = {
  'opt-in-not-required': 'Default',
  'opted-in': 'Opted in',
  'not-opted-in': 'Not opted in',
};

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: SortKey;
  sort: { key: SortKey; direction: SortDirection };
  onSort: (key: SortKey) => void;
  className?: string;
}) {
  const isActive = sort.key === sortKey;
  return (
    <th scope="col" aria-sort={isActive ? sort.direction : 'none'} className={`px-3 py-2 text-xs font-semibold text-slate-600 ${className ?? ''}`}>
      <button type="button" onClick={() => onSort(sortKey)} className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
        {label}
        <span aria-hidden="true" className="text-slate-400">
          {isActive ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function CountCell({ row, column }: { row: RegionRow; column: CountColumn }) {
  if (!row.audit) {
    return <td className="px-3 py-2 text-right text-slate-400">…</td>;
  }
  const counts = row.audit.counts;
  if (!counts) {
    const label = row.audit.status.kind === 'not-enabled' ? 'not enabled' : 'unknown';
    return (
      <td className="px-3 py-2 text-right text-slate-400">
        <span aria-hidden="true">—</span>
        <span className="sr-only">{label}</span>
      </td>
    );
  }
  const unknownData: Partial<Record<string, string>> = row.audit.unknownData ?? {};
  const unknownReason = unknownData[column];
  if (unknownReason !== undefined) {
    return (
      <td className="px-3 py-2 text-right text-amber-700" title={unknownReason}>
        unknown
      </td>
    );
  }
  const value = counts[column];
  if (column === 'taggedResources' && row.audit.isTaggedCountLowerBound) {
    return (
      <td className="px-3 py-2 text-right tabular-nums text-slate-800" title="The count stopped at its page bound">
        ≥ {formatCount(value)}
      </td>
    );
  }
  const isBlocker = column === 'tasksOnRole' && value > 0;
  return (
    <td className={`px-3 py-2 text-right tabular-nums ${isBlocker ? 'font-semibold text-red-700' : value === 0 ? 'text-slate-400' : 'text-slate-800'}`}>
      {value}
    </td>
  );
}

/** `memberAccountId`: the rows are a member account's, and link to its region pages. */
export function RegionTable({ rows, lastUsedRegion, memberAccountId }: { rows: RegionRow[]; lastUsedRegion?: string; memberAccountId?: string }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'region', direction: 'ascending' });
  const [onlyBlocking, setOnlyBlocking] = useState(false);
  const [onlyProblems, setOnlyProblems] = useState(false);

  const visible = useMemo(() => {
    const filtered = rows.filter((row) => (!onlyBlocking || isBlocking(row)) && (!onlyProblems || isProblem(row)));
    return [...filtered].sort((a, b) => compareRows(a, b, sort.key, sort.direction));
  }, [rows, onlyBlocking, onlyProblems, sort]);

  function onSort(key: SortKey) {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : // Counts are most useful largest first; names alphabetically.
          { key, direction: key === 'region' || key === 'optIn' ? 'ascending' : 'descending' },
    );
  }

  return (
    <div className="space-y-3">
      <fieldset className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-slate-700">
        <legend className="sr-only">Filter regions</legend>
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" checked={onlyBlocking} onChange={(event) => setOnlyBlocking(event.target.checked)} className="h-4 w-4 rounded border-slate-300" />
          Only regions that block deletion
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" checked={onlyProblems} onChange={(event) => setOnlyProblems(event.target.checked)} className="h-4 w-4 rounded border-slate-300" />
          Only problems
        </label>
        <span role="status" className="text-slate-500">
          {visible.length} of {rows.length} regions shown
        </span>
      </fieldset>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
          <caption className="sr-only">Systems Manager use of the role, region by region</caption>
          <thead className="bg-slate-50">
            <tr>
              <SortHeader label="Region" sortKey="region" sort={sort} onSort={onSort} />
              <SortHeader label="Opt-in" sortKey="optIn" sort={sort} onSort={onSort} />
              <SortHeader label="Scan" sortKey="status" sort={sort} onSort={onSort} />
              {COUNT_COLUMNS.map((column) => (
                <SortHeader key={column.key} label={column.label} sortKey={column.key} sort={sort} onSort={onSort} className="text-right" />
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((row) => (
              <tr key={row.region.code} className={isBlocking(row) ? 'bg-red-50/40' : undefined}>
                <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                  <Link href={withAccount(`/regions/${row.region.code}`, memberAccountId)} className="font-mono text-indigo-700 hover:underline">
                    {row.region.code}
                  </Link>
                  <span className="block text-xs text-slate-500">{row.region.name}</span>
                  {lastUsedRegion === row.region.code ? (
                    <span className="mt-1 block">
                      <Badge tone="info">Role last used here</Badge>
                    </span>
                  ) : null}
                </th>
                <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">{OPT_IN_LABELS[row.region.optInStatus]}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {row.audit ? (
                    <>
                      <ScanStatusBadge status={row.audit.status} />
                      {getShortStatusReason(row.audit.status) ? (
                        <span className="mt-1 block max-w-48 truncate text-xs text-red-800" title={describeStatus(row.audit.status)}>
                          {getShortStatusReason(row.audit.status)}
                        </span>
                      ) : null}
                      {row.audit.warnings.length > 0 ? (
                        <span className="mt-1 block text-xs text-amber-800" title={row.audit.warnings.join('\n')}>
                          {pluralize(row.audit.warnings.length, 'warning')}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <Badge tone="info">Scanning…</Badge>
                  )}
                </td>
                {COUNT_COLUMNS.map((column) => (
                  <CountCell key={column.key} row={row} column={column.key} />
                ))}
              </tr>
            ))}
            {visible.length === 0 ? (
              <tr>
                <td colSpan={3 + COUNT_COLUMNS.length} className="px-3 py-6 text-center text-slate-500">
                  No region matches the filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
